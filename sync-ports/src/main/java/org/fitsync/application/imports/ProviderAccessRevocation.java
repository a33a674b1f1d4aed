package org.fitsync.application.imports;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.in.account.EraseAccountUseCase.ProviderRevocation;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.imports.ProviderAuthorization;
import org.fitsync.ports.out.imports.ProviderConnectionStore;

/** Revokes the user's Strava grant at Strava, for an account erasure; the stored connection is left to the erasure. */
public final class ProviderAccessRevocation implements RevokeProviderAccessPort {

    private final TransactionPort transactions;
    private final ProviderConnectionStore connections;
    private final ProviderAuthorization authorization;

    public ProviderAccessRevocation(
            TransactionPort transactions, ProviderConnectionStore connections, ProviderAuthorization authorization) {
        this.transactions = transactions;
        this.connections = connections;
        this.authorization = authorization;
    }

    @Override
    public ProviderRevocation revoke(UserId user) {
        Optional<ProviderConnection> connection = transactions.inUserSnapshot(user, () -> connections.load(user));
        if (connection.isEmpty()) {
            return ProviderRevocation.NOT_CONNECTED;
        }
        // Outside the transaction: a slow provider must not hold the user's rows.
        return authorization.deauthorize(connection.get()) ? ProviderRevocation.REVOKED : ProviderRevocation.FAILED;
    }
}

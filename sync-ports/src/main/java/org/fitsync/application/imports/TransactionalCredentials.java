package org.fitsync.application.imports;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ProviderConnectionStore;
import org.fitsync.ports.out.imports.ProviderCredentials;

/** The provider adapter's view of stored tokens, each read and rotation in its own user transaction. */
public final class TransactionalCredentials implements ProviderCredentials {

    private final TransactionPort transactions;
    private final ProviderConnectionStore connections;

    public TransactionalCredentials(TransactionPort transactions, ProviderConnectionStore connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    @Override
    public Optional<ProviderConnection> current(UserId user) {
        return transactions.inUserSnapshot(user, () -> connections.load(user));
    }

    @Override
    public boolean rotated(UserId user, String previousRefreshToken, ProviderConnection fresh) {
        return transactions.inUserTransaction(user, () -> connections.replaceTokens(user, previousRefreshToken, fresh));
    }
}

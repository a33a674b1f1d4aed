package org.fitsync.application.imports;

import java.time.Clock;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.in.imports.ConnectProviderCommand;
import org.fitsync.ports.in.imports.ConnectProviderUseCase;
import org.fitsync.ports.in.imports.DisconnectProviderCommand;
import org.fitsync.ports.in.imports.DisconnectProviderUseCase;
import org.fitsync.ports.in.imports.ViewConnectionQuery;
import org.fitsync.ports.in.imports.ViewConnectionUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.imports.ProviderAuthorization;
import org.fitsync.ports.out.imports.ProviderConnectionStore;
import org.fitsync.ports.out.imports.ProviderResult;

/** Connecting a user's Strava account and ending the connection (with what the API agreement requires). */
public final class ConnectionService
        implements ConnectProviderUseCase, DisconnectProviderUseCase, ViewConnectionUseCase {

    private final TransactionPort transactions;
    private final ProviderConnectionStore connections;
    private final ProviderAuthorization authorization;
    private final ImportJobStore jobs;
    private final ImportedRunStore runs;
    private final ImportEvents events;
    private final Clock clock;

    public ConnectionService(
            TransactionPort transactions,
            ProviderConnectionStore connections,
            ProviderAuthorization authorization,
            ImportJobStore jobs,
            ImportedRunStore runs,
            ImportEvents events,
            Clock clock) {
        this.transactions = transactions;
        this.connections = connections;
        this.authorization = authorization;
        this.jobs = jobs;
        this.runs = runs;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ConnectOutcome connect(ConnectProviderCommand command) {
        ProviderResult<ProviderConnection> exchanged = authorization.exchange(command.code(), command.grantedScopes());
        if (exchanged instanceof ProviderResult.Unavailable<ProviderConnection> unavailable) {
            return new ConnectOutcome.ProviderUnavailable(unavailable.detail());
        }
        if (!(exchanged instanceof ProviderResult.Ok<ProviderConnection> ok)) {
            return new ConnectOutcome.Rejected("Strava did not accept the authorization code");
        }
        ProviderConnection connection = ok.value();
        if (!connection.canReadActivities()) {
            // Holding tokens we may not use helps nobody: give them back.
            authorization.deauthorize(connection);
            return new ConnectOutcome.MissingScope("the grant must include activity:read or activity:read_all");
        }
        transactions.useUserTransaction(command.user(), () -> connections.save(command.user(), connection));
        return new ConnectOutcome.Connected(connection.athleteId(), connection.scopes());
    }

    @Override
    public int disconnect(DisconnectProviderCommand command) {
        UserId user = command.user();
        Optional<ProviderConnection> connection = transactions.inUserTransaction(user, () -> {
            // Webhook jobs too: nothing may import for this user once the connection is gone.
            jobs.list(user, 1000).stream().filter(job -> job.state().isActive()).forEach(job -> cancel(user, job));
            Optional<ProviderConnection> current = connections.load(user);
            connections.delete(user);
            return current;
        });
        // Outside the transaction: a slow provider must not hold the user's rows locked.
        connection.ifPresent(authorization::deauthorize);
        return transactions.inUserTransaction(user, () -> runs.deleteStravaRuns(user));
    }

    private void cancel(UserId user, ImportJob active) {
        jobs.cancel(user, active.id(), clock.instant());
        events.changed(user, active.id());
    }

    @Override
    public Optional<Status> status(ViewConnectionQuery query) {
        UserId user = query.user();
        return transactions
                .inUserSnapshot(user, () -> connections.load(user))
                .map(c -> new Status(c.athleteId(), c.scopes()));
    }
}

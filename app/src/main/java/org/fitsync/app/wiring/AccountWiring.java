package org.fitsync.app.wiring;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.account.AccountRoutes;
import org.fitsync.adapter.postgres.account.PostgresAccountErasure;
import org.fitsync.adapter.postgres.coach.PostgresCoaching;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.application.account.AccountErasureService;
import org.fitsync.application.account.AccountExportService;
import org.fitsync.ports.in.account.AccountExportSink;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.EraseAccountUseCase.ProviderRevocation;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.in.imports.ViewConnectionQuery;
import org.fitsync.ports.in.imports.ViewConnectionUseCase;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own data (docs/api.md "Your data"): erasing and exporting the account. The files feature
 * hands over its blob store, the imports feature (when on) its Strava revocation and connection view.
 */
final class AccountWiring {

    private static final Logger LOG = LoggerFactory.getLogger("org.fitsync.account");

    private final RouteModule routes;

    private AccountWiring(RouteModule routes) {
        this.routes = routes;
    }

    /**
     * {@code revocation} and {@code connections}: the imports feature's; without them, a stored
     * connection cannot be revoked at Strava, and an export lists no integration. {@code pull}: the
     * sync feature's, for the export's sync records, spooled in {@code spool}.
     */
    static AccountWiring wire(
            FeatureContext context,
            DeleteBlobPort blobs,
            RevokeProviderAccessPort revocation,
            Optional<ViewConnectionUseCase> connections,
            PullChangesUseCase pull,
            Path spool) {
        EraseAccountUseCase erase = new AccountErasureService(
                context.transactions(), new PostgresAccountErasure(), revocation, blobs, AccountWiring::logErasure);
        PostgresRuns runs = new PostgresRuns();
        ExportAccountUseCase export = new AccountExportService(
                new AccountExportService.Ports(
                        context.transactions(), runs, runs, new PostgresDailyEntries(), new PostgresCoaching()),
                user -> connections
                        .flatMap(view -> view.status(new ViewConnectionQuery(user)))
                        .map(status ->
                                new AccountExportSink.Integration("strava", status.athleteId(), status.scopes())));
        return new AccountWiring(new AccountRoutes(
                new AccountRoutes.UseCases(erase, export, pull), context.jsonBody(), context.json(), spool));
    }

    /** Without Strava: a connection stored while it was on is still erased, but cannot be revoked there. */
    static RevokeProviderAccessPort withoutStrava() {
        return user -> ProviderRevocation.NOT_CONFIGURED;
    }

    /** Counts only: the log says that an account went and how much of it, never whose. */
    private static void logErasure(Outcome.Erased erased) {
        Map<String, Long> rows = new TreeMap<>(erased.rows());
        rows.values().removeIf(count -> count == 0);
        LOG.info(
                "account erased: rows {}, files deleted {}, files not deleted {}, strava {}",
                rows,
                erased.blobsDeleted(),
                erased.blobsNotDeleted(),
                erased.provider());
    }

    RouteModule routes() {
        return routes;
    }
}

package org.fitsync.app.wiring;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.fitsync.adapter.blobs.account.SignedExportLinks;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.account.AccountRoutes;
import org.fitsync.adapter.http.account.ExportArchiveWriter;
import org.fitsync.adapter.postgres.account.PostgresAccountErasure;
import org.fitsync.adapter.postgres.account.PostgresAccountExports;
import org.fitsync.adapter.postgres.coach.PostgresCoaching;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.app.config.ExportsConfig;
import org.fitsync.application.account.AccountErasureService;
import org.fitsync.application.account.AccountExportJobs;
import org.fitsync.application.account.AccountExportRunner;
import org.fitsync.application.account.AccountExportService;
import org.fitsync.application.account.FinishedExportSweep;
import org.fitsync.application.files.FileService;
import org.fitsync.ports.in.account.AccountExportSink;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.EraseAccountUseCase.ProviderRevocation;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.in.imports.ViewConnectionQuery;
import org.fitsync.ports.in.imports.ViewConnectionUseCase;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own data (docs/api.md "Your data"): erasing the account, and export jobs with their
 * workers and sweep. The files feature hands over its blob store, the imports feature (when on) its Strava revocation and connection view.
 */
final class AccountWiring {

    private static final Logger LOG = LoggerFactory.getLogger("org.fitsync.account");

    /** Claims of one export before it fails for good: each failed, or its node died under it. */
    private static final int MAX_ATTEMPTS = 3;

    private final RouteModule routes;
    private final AutoCloseable workers;

    private AccountWiring(RouteModule routes, AutoCloseable workers) {
        this.routes = routes;
        this.workers = workers;
    }

    /** What an account export needs of the other features. */
    record ExportInputs(
            FileService.Blobs blobs,
            LoadFilePort files,
            String linkSecret,
            Supplier<URI> publicUrl,
            PullChangesUseCase pull,
            Path spool) {}

    /**
     * {@code revocation} and {@code connections}: the imports feature's; without them, a stored
     * connection cannot be revoked at Strava, and an export lists no integration. {@code inputs}: the
     * files feature's blob store and files, the sync feature's pull (the export's sync records,
     * spooled with the zip in {@code spool}), and the secret and URL download links are signed with.
     */
    static AccountWiring wire(
            FeatureContext context,
            ExportsConfig config,
            ExportInputs inputs,
            RevokeProviderAccessPort revocation,
            Optional<ViewConnectionUseCase> connections) {
        EraseAccountUseCase erase = new AccountErasureService(
                context.transactions(),
                new PostgresAccountErasure(),
                revocation,
                inputs.blobs().delete(),
                AccountWiring::logErasure);
        PostgresRuns runs = new PostgresRuns();
        ExportAccountUseCase export = new AccountExportService(
                new AccountExportService.Ports(
                        context.transactions(),
                        runs,
                        runs,
                        new PostgresDailyEntries(),
                        new PostgresCoaching(),
                        inputs.files(),
                        inputs.blobs().open()),
                user -> connections
                        .flatMap(view -> view.status(new ViewConnectionQuery(user)))
                        .map(status ->
                                new AccountExportSink.Integration("strava", status.athleteId(), status.scopes())));
        PostgresAccountExports exports =
                new PostgresAccountExports(context.database().jdbi());
        AccountExportJobs jobs = new AccountExportJobs(
                context.transactions(),
                exports,
                new SignedExportLinks(inputs.linkSecret(), inputs.publicUrl()),
                inputs.blobs().open(),
                config.linkTtl(),
                context.clock());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fitsync-export-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        AccountExportRunner runner = new AccountExportRunner(
                new AccountExportRunner.Settings(node, config.lease(), MAX_ATTEMPTS, inputs.spool()),
                new AccountExportRunner.Ports(
                        context.transactions(),
                        exports,
                        new ExportArchiveWriter(export, inputs.pull(), context.json(), inputs.spool()),
                        inputs.blobs().store(),
                        inputs.blobs().delete()),
                heartbeats,
                context.clock());
        ExportWorkers workers = new ExportWorkers(
                runner,
                config.workers(),
                config.poll(),
                heartbeats,
                new FinishedExportSweep(
                        config.retention(),
                        context.transactions(),
                        exports,
                        inputs.blobs().delete(),
                        context.clock()),
                config.sweepInterval());
        LOG.info("Account exports on: node {}, {} workers, kept {}", node, config.workers(), config.retention());
        return new AccountWiring(
                new AccountRoutes(
                        new AccountRoutes.UseCases(erase, jobs, jobs, jobs), context.jsonBody(), context.json()),
                workers);
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

    /** The export workers and the sweep of old exports. */
    AutoCloseable workers() {
        return workers;
    }
}

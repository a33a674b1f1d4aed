package org.fitsync.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.List;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.coach.CoachRunRoutes;
import org.fitsync.adapter.http.run.PageCursors;
import org.fitsync.adapter.http.run.RunHistoryPages;
import org.fitsync.adapter.http.run.RunRoutes;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.application.imports.ImportedRunBridge;
import org.fitsync.application.run.RunEditingService;
import org.fitsync.application.run.RunHistoryService;
import org.fitsync.application.run.RunIngestionService;
import org.fitsync.application.run.RunSyncStore;
import org.fitsync.adapter.postgres.run.PostgresRunRecords;
import org.fitsync.ports.out.sync.SyncRecordStore;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.out.imports.ImportedRunStore;

/** The runs feature: its settings, services over the PostgreSQL adapter, and its HTTP routes. */
final class RunsWiring {

    private final RunIngestionService ingestion;
    private final RunHistoryService history;
    private final RunEditingService editing;
    private final RunRoutes routes;
    private final CoachRunRoutes coachRoutes;
    private final ImportedRunStore importedRuns;
    private final RunSyncStore syncStore;

    private RunsWiring(FeatureContext context) {
        RunSettings settings = RunSettings.from(context.environment());
        PostgresRuns runs = new PostgresRuns();
        OverlapPolicy policy = new OverlapPolicy(settings.priority());
        this.ingestion = new RunIngestionService(context.transactions(), context.versions(), runs, runs, runs, runs,
                policy, new TrackSimplifier(settings.polylineToleranceMetres()));
        this.history = new RunHistoryService(context.transactions(), runs, runs, runs);
        this.editing = new RunEditingService(context.transactions(), context.versions(), runs, runs, runs, runs, runs,
                policy);
        this.syncStore = new RunSyncStore(new PostgresRunRecords(), runs, runs, runs, runs, runs, policy);
        PageCursors cursors = new PageCursors(cursorKey(settings.cursorSecret()
                .orElseGet(() -> FitSyncApplication.jwtSecret(context.config()))));
        this.routes = new RunRoutes(new RunRoutes.UseCases(ingestion, history, history, history, editing, editing),
                context.jsonBody(), context.json(), cursors);
        this.coachRoutes = new CoachRunRoutes(history, DailyWiring.coaches(context),
                new RunHistoryPages(context.json(), cursors));
        this.importedRuns = new RejectionLoggingRunStore(
                new ImportedRunBridge(context.transactions(), ingestion, editing, editing));
    }

    static RunsWiring wire(FeatureContext context) {
        return new RunsWiring(context);
    }

    List<RouteModule> routes() {
        return List.of(routes, coachRoutes);
    }

    /** For the Strava import: its runs go through the same use cases as the API's. */
    ImportedRunStore importedRuns() {
        return importedRuns;
    }

    /** The {@code runs} collection of the sync engine, over the runs table. */
    SyncRecordStore syncStore() {
        return syncStore;
    }

    /**
     * A key used only for cursors, derived from the server secret (HMAC with a fixed label), so a
     * cursor tag never doubles as anything signed with the secret itself, e.g. a token.
     */
    private static byte[] cursorKey(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("fitsync run history cursor v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}

package org.fitsync.app.wiring;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.geocoding.NominatimPlaces;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.HmacSha256;
import org.fitsync.adapter.http.coach.CoachRunRoutes;
import org.fitsync.adapter.http.run.PageCursors;
import org.fitsync.adapter.http.run.RecordsRoutes;
import org.fitsync.adapter.http.run.RunHistoryPages;
import org.fitsync.adapter.http.run.RunRoutes;
import org.fitsync.adapter.http.run.StatsRoutes;
import org.fitsync.adapter.http.run.TrackDocuments;
import org.fitsync.adapter.postgres.run.PostgresBestEfforts;
import org.fitsync.adapter.postgres.run.PostgresRunFigures;
import org.fitsync.adapter.postgres.run.PostgresRunPlaces;
import org.fitsync.adapter.postgres.run.PostgresRunRecords;
import org.fitsync.adapter.postgres.run.PostgresRunTotals;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.adapter.postgres.sync.PostgresServerRecords;
import org.fitsync.app.config.RunsConfig;
import org.fitsync.application.imports.ImportedRunBridge;
import org.fitsync.application.run.PersonalRecordsPublisher;
import org.fitsync.application.run.PersonalRecordsService;
import org.fitsync.application.run.RunEditingService;
import org.fitsync.application.run.RunFiguresBackfill;
import org.fitsync.application.run.RunHistoryService;
import org.fitsync.application.run.RunIngestionService;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.application.run.RunStatsService;
import org.fitsync.application.run.RunSyncStore;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.ports.in.privacy.OthersViewUseCase;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;
import org.fitsync.ports.in.run.DeleteRunUseCase;
import org.fitsync.ports.in.run.EditRunUseCase;
import org.fitsync.ports.in.run.GetPersonalRecordsUseCase;
import org.fitsync.ports.in.run.GetRunStatsUseCase;
import org.fitsync.ports.in.run.GetRunUseCase;
import org.fitsync.ports.in.run.GetTrackUseCase;
import org.fitsync.ports.in.run.ImportedRunsUseCase;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.fitsync.ports.out.run.DeleteRunPort;
import org.fitsync.ports.out.run.EditRunPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.ListRunsPort;
import org.fitsync.ports.out.run.LoadPersonalRecordsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;
import org.fitsync.ports.out.run.MetadataFormatPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.run.StoreBestEffortsPort;
import org.fitsync.ports.out.run.StoreNewRunPort;
import org.fitsync.ports.out.run.SumRunsPort;
import org.fitsync.ports.out.sync.ServerRecordsPort;
import org.fitsync.ports.out.sync.SyncRecordStore;

/** The runs feature: its services over the PostgreSQL adapter, its HTTP routes and its sync collection. */
final class RunsWiring {

    private final List<RouteModule> routes;
    private final ImportedRunStore importedRuns;
    private final SyncRecordStore syncStore;
    private final SubmitRunUseCase submit;
    private final BackfillRunFiguresUseCase figuresBackfill;
    private final Optional<FiguresBackfillWorker> backfillWorker;

    /**
     * {@code cursorSecret}: the key the history cursors are derived from; {@code coaches}: the coach
     * feature's link checks, for a coach reading a client's runs; {@code othersView}: the privacy feature's
     * view of a user's runs as others see them, which is what a coach gets; {@code registry}: the synced
     * collections, where the runner's records are published when it has {@code personal_records}.
     */
    private RunsWiring(
            FeatureContext context,
            RunsConfig config,
            CollectionRegistry registry,
            String cursorSecret,
            ActForClientUseCase coaches,
            OthersViewUseCase othersView) {
        // One adapter implements every out-port of runs; naming each says which one a service gets.
        PostgresRuns runs = new PostgresRuns();
        LoadRunPort loadRun = runs;
        StoreNewRunPort storeNewRun = runs;
        FindOverlapsPort findOverlaps = runs;
        ReviseRunPort reviseRun = runs;
        EditRunPort editRun = runs;
        DeleteRunPort deleteRun = runs;
        ListRunsPort listRuns = runs;
        LoadTrackPort loadTrack = runs;
        MetadataFormatPort metadataFormat = runs;
        PostgresBestEfforts bestEfforts = new PostgresBestEfforts();
        StoreBestEffortsPort storeBestEfforts = bestEfforts;
        LoadPersonalRecordsPort loadRecords = bestEfforts;
        OverlapPolicy policy = new OverlapPolicy(config.priority());
        PersonalRecordsPublisher publishedRecords = PersonalRecordsPublisher.into(
                registry.find("personal_records"), loadRecords, new PostgresServerRecords(), context.clock());

        RunIngestionService ingestion = new RunIngestionService(
                context.transactions(),
                context.versions(),
                loadRun,
                storeNewRun,
                storeBestEfforts,
                findOverlaps,
                reviseRun,
                policy,
                new TrackSimplifier(config.polylineToleranceMetres()),
                publishedRecords);
        RunHistoryService history = new RunHistoryService(context.transactions(), listRuns, loadRun, loadTrack);
        RunEditingService editing = new RunEditingService(
                context.transactions(),
                context.versions(),
                loadRun,
                editRun,
                deleteRun,
                findOverlaps,
                reviseRun,
                policy,
                publishedRecords);

        SumRunsPort sumRuns = new PostgresRunTotals();
        GetRunStatsUseCase stats = new RunStatsService(context.transactions(), sumRuns);
        GetPersonalRecordsUseCase records = new PersonalRecordsService(context.transactions(), loadRecords);

        SubmitRunUseCase submit = ingestion;
        this.submit = submit;
        ListRunsUseCase list = history;
        GetRunUseCase get = history;
        GetTrackUseCase track = history;
        EditRunUseCase edit = editing;
        DeleteRunUseCase delete = editing;
        ImportedRunsUseCase importedRunsOfStrava = editing;
        PageCursors cursors = new PageCursors(HmacSha256.deriveKey(cursorSecret, "fitsync run history cursor v1"));
        this.routes = List.of(
                new RunRoutes(
                        new RunRoutes.UseCases(submit, list, get, track, edit, delete),
                        context.jsonBody(),
                        context.json(),
                        cursors),
                new CoachRunRoutes(
                        list,
                        othersView,
                        coaches,
                        new RunHistoryPages(context.json(), cursors),
                        new TrackDocuments(context.json())),
                new StatsRoutes(stats, context.json()),
                new RecordsRoutes(records, context.json()));

        ServerRecordsPort runRecords = new PostgresRunRecords();
        this.syncStore = new RunSyncStore(
                runRecords, editRun, deleteRun, findOverlaps, reviseRun, metadataFormat, policy, publishedRecords);
        this.importedRuns = new ImportsRunRejectionLog(
                new ImportedRunBridge(context.transactions(), submit, importedRunsOfStrava, delete));

        PostgresRunFigures awaitingFigures =
                new PostgresRunFigures(context.database().jdbi());
        this.figuresBackfill = new RunFiguresBackfill(
                context.transactions(),
                context.versions(),
                awaitingFigures,
                awaitingFigures,
                storeBestEfforts,
                publishedRecords);
        this.backfillWorker = config.backfill().enabled()
                ? Optional.of(new FiguresBackfillWorker(
                        figuresBackfill, config.backfill().interval(), context.metrics()))
                : Optional.empty();
    }

    /**
     * Start places of imported and uploaded runs: Nominatim at {@code FITSYNC_GEOCODER_URL}, or nothing
     * when {@code FITSYNC_GEOCODER=off}.
     */
    static RunPlaces places(FeatureContext context, RunsConfig.Places config, Executor lookups) {
        LookupPlacePort lookup = config.enabled()
                ? new NominatimPlaces(NominatimPlaces.Settings.of(config.baseUrl()))
                : LookupPlacePort.OFF;
        return new RunPlaces(lookup, new PostgresRunPlaces(), context.transactions(), lookups);
    }

    /**
     * The one thread that looks places up: the geocoder takes one request a second anyway. At most
     * {@code 1,000} runs wait for theirs; beyond that (a big import against a slow geocoder) a run goes
     * without a place rather than without memory.
     */
    static ExecutorService placeLookups() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "fitsync-place-lookups");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    static RunsWiring wire(
            FeatureContext context,
            RunsConfig config,
            CollectionRegistry registry,
            String cursorSecret,
            ActForClientUseCase coaches,
            OthersViewUseCase othersView) {
        return new RunsWiring(context, config, registry, cursorSecret, coaches, othersView);
    }

    List<RouteModule> routes() {
        return routes;
    }

    /** For the activity files: their runs are submitted as the API's are. */
    SubmitRunUseCase submitRun() {
        return submit;
    }

    /** For the imports: their runs go through the same use cases as the API's. */
    ImportedRunStore importedRuns() {
        return importedRuns;
    }

    /** The figures backfill of runs stored before the figures existed (what this node's worker runs). */
    BackfillRunFiguresUseCase figuresBackfill() {
        return figuresBackfill;
    }

    /** This node's figures backfill worker, unless FITSYNC_BACKFILL is off. */
    List<AutoCloseable> workers() {
        return backfillWorker.<List<AutoCloseable>>map(List::of).orElse(List.of());
    }

    /** The {@code runs} collection of the sync engine, over the runs table. */
    SyncRecordStore syncStore() {
        return syncStore;
    }
}

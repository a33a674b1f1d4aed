package org.fitsync.app.wiring;

import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.daily.DailyRoutes;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.adapter.postgres.daily.PostgresDailyRecords;
import org.fitsync.application.daily.DailyEntryService;
import org.fitsync.application.daily.DailySyncStore;
import org.fitsync.ports.in.daily.ApplyPushedEntryUseCase;
import org.fitsync.ports.in.daily.IngestSleepUseCase;
import org.fitsync.ports.in.daily.IngestStepsUseCase;
import org.fitsync.ports.in.daily.ListDailyEntriesUseCase;
import org.fitsync.ports.in.daily.RecordManualEntryUseCase;
import org.fitsync.ports.out.daily.LoadDailyEntriesPort;
import org.fitsync.ports.out.daily.SaveDailyEntryPort;
import org.fitsync.ports.out.sync.ServerRecordsPort;
import org.fitsync.ports.out.sync.SyncRecordStore;

/** Daily metrics: ingestion, manual entries and history over the PostgreSQL adapter, and their routes. */
final class DailyWiring {

    private final DailyEntryService service;
    private final RouteModule routes;
    private final SyncRecordStore syncStore;

    private DailyWiring(FeatureContext context) {
        PostgresDailyEntries entries = new PostgresDailyEntries();
        LoadDailyEntriesPort loadEntries = entries;
        SaveDailyEntryPort saveEntry = entries;
        this.service = new DailyEntryService(
                context.transactions(), context.versions(), new DailyEntryService.Storage(loadEntries, saveEntry));

        IngestStepsUseCase ingestSteps = service;
        IngestSleepUseCase ingestSleep = service;
        RecordManualEntryUseCase manual = service;
        ListDailyEntriesUseCase history = service;
        this.routes = new DailyRoutes(ingestSteps, ingestSleep, manual, history, context.jsonBody(), context.metrics());

        ServerRecordsPort dailyRecords = new PostgresDailyRecords();
        ApplyPushedEntryUseCase applyPushed = service;
        this.syncStore = new DailySyncStore(dailyRecords, applyPushed);
    }

    static DailyWiring wire(FeatureContext context) {
        return new DailyWiring(context);
    }

    RouteModule routes() {
        return routes;
    }

    /** The {@code daily_entries} collection of the sync engine: pushes apply as manual values. */
    SyncRecordStore syncStore() {
        return syncStore;
    }

    /** For coaches, who read their clients' entries. */
    ListDailyEntriesUseCase entries() {
        return service;
    }

    /** For coaches, who record manual values for their clients. */
    RecordManualEntryUseCase manualEntries() {
        return service;
    }
}

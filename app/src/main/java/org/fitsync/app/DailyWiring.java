package org.fitsync.app;

import java.security.SecureRandom;
import java.util.List;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.coach.CoachRoutes;
import org.fitsync.adapter.http.daily.DailyRoutes;
import org.fitsync.adapter.postgres.coach.PostgresCoaching;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.application.coach.CoachService;
import org.fitsync.application.daily.DailyEntryService;
import org.fitsync.application.daily.DailySyncStore;
import org.fitsync.adapter.postgres.sync.PostgresDailyRecords;
import org.fitsync.ports.out.sync.SyncRecordStore;

/** Daily metrics (ingestion, manual entries, history) and coaches. */
final class DailyWiring {

    private DailyWiring() {}

    /** The {@code daily_entries} collection of the sync engine: pushes apply as manual values. */
    static SyncRecordStore syncStore(FeatureContext context) {
        return new DailySyncStore(new PostgresDailyRecords(), service(context));
    }

    static List<RouteModule> routes(FeatureContext context) {
        DailyEntryService daily = service(context);
        PostgresCoaching coaching = new PostgresCoaching();
        CoachService coaches = new CoachService(new CoachService.Ports(context.transactions(), context.versions(),
                coaching, coaching, coaching, coaching), daily, daily, context.clock(), new SecureRandom());
        return List.of(
                new DailyRoutes(daily, daily, daily, context.jsonBody(), context.metrics()),
                new CoachRoutes(new CoachRoutes.UseCases(coaches, coaches, coaches, coaches), context.jsonBody()));
    }

    private static DailyEntryService service(FeatureContext context) {
        PostgresDailyEntries entries = new PostgresDailyEntries();
        return new DailyEntryService(context.transactions(), context.versions(),
                new DailyEntryService.Storage(entries, entries, entries));
    }
}

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
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.adapter.postgres.daily.PostgresDailyRecords;
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
        CoachService coaches = coaches(context, daily);
        return List.of(
                new DailyRoutes(daily, daily, daily, daily, context.jsonBody(), context.metrics()),
                new CoachRoutes(new CoachRoutes.UseCases(coaches, coaches, coaches, coaches, coaches), context.jsonBody()));
    }

    /** The coaches' link checks, also for other features' reads of a client (runs). */
    static ActForClientUseCase coaches(FeatureContext context) {
        return coaches(context, service(context));
    }

    private static CoachService coaches(FeatureContext context, DailyEntryService daily) {
        PostgresCoaching coaching = new PostgresCoaching();
        return new CoachService(new CoachService.Ports(context.transactions(), context.versions(),
                coaching, coaching, coaching, coaching), daily, daily, context.clock(), new SecureRandom());
    }

    private static DailyEntryService service(FeatureContext context) {
        PostgresDailyEntries entries = new PostgresDailyEntries();
        return new DailyEntryService(context.transactions(), context.versions(),
                new DailyEntryService.Storage(entries, entries));
    }
}

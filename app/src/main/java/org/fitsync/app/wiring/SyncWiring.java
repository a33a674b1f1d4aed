package org.fitsync.app.wiring;

import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.sync.SyncEventRoutes;
import org.fitsync.adapter.http.sync.SyncRoutes;
import org.fitsync.adapter.postgres.sync.PostgresPurgeHorizons;
import org.fitsync.adapter.postgres.sync.PostgresSyncChanges;
import org.fitsync.adapter.postgres.sync.PostgresSyncRecords;
import org.fitsync.app.config.SyncConfig;
import org.fitsync.application.sync.CollectionStores;
import org.fitsync.application.sync.PullService;
import org.fitsync.application.sync.PushService;
import org.fitsync.application.sync.SyncChangeService;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.out.sync.PurgeHorizonPort;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * The sync engine: pull and push services over the generic JSONB store, except for the collections
 * the server computes on (runs, daily entries), whose own stores read and write their tables; and
 * the change events, heard from every node through the database. {@code pull} serves the account
 * export as well.
 */
record SyncWiring(PullChangesUseCase pull, List<RouteModule> routes, List<AutoCloseable> workers) {

    /** {@code dedicated}: the stores of the collections the server computes on, by collection name. */
    static SyncWiring wire(FeatureContext context, SyncConfig config, Map<String, SyncRecordStore> dedicated) {
        SyncRecordStore genericRecords = new PostgresSyncRecords();
        CollectionStores stores = new CollectionStores(genericRecords, dedicated);
        PurgeHorizonPort horizons = new PostgresPurgeHorizons();
        PushService push = new PushService(
                context.transactions(),
                context.versions(),
                config.registry(),
                stores,
                horizons,
                config.settings(),
                context.clock());
        PullService pull =
                new PullService(context.transactions(), context.versions(), config.registry(), stores, horizons);
        PostgresSyncChanges changes = new PostgresSyncChanges(context.database().listenerSource());
        SyncChangeService watch = new SyncChangeService(context.transactions(), context.versions(), changes);
        return new SyncWiring(
                pull,
                List.of(
                        new SyncRoutes(pull, push, context.jsonBody(), context.json(), config.spoolDirectory()),
                        new SyncEventRoutes(watch, config.eventsHeartbeat())),
                List.of(changes));
    }
}

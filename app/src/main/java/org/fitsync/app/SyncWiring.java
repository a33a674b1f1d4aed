package org.fitsync.app;

import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.sync.SyncRoutes;
import org.fitsync.adapter.postgres.sync.PostgresPurgeHorizons;
import org.fitsync.adapter.postgres.sync.PostgresSyncRecords;
import org.fitsync.application.sync.CollectionStores;
import org.fitsync.application.sync.PullService;
import org.fitsync.application.sync.PushService;
import org.fitsync.ports.out.sync.SyncRecordStore;
import java.util.Map;

/**
 * The sync engine: pull and push services over the generic JSONB store, except for the collections
 * the server computes on (runs, daily entries), whose own stores read and write their tables.
 */
final class SyncWiring {

    private SyncWiring() {}

    /** {@code dedicated}: the stores of the collections the server computes on, by collection name. */
    static RouteModule routes(FeatureContext context, Map<String, SyncRecordStore> dedicated) {
        SyncConfig config = SyncConfig.from(context.environment(), context.config().maxClockSkew(), context.json());
        CollectionStores stores = new CollectionStores(new PostgresSyncRecords(), dedicated);
        PostgresPurgeHorizons horizons = new PostgresPurgeHorizons();
        PushService push = new PushService(context.transactions(), context.versions(), config.registry(), stores,
                horizons, config.settings(), context.clock());
        PullService pull = new PullService(context.transactions(), context.versions(), config.registry(), stores,
                horizons);
        return new SyncRoutes(pull, push, context.jsonBody(), context.json());
    }
}

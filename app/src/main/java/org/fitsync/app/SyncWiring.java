package org.fitsync.app;

import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.sync.SyncRoutes;
import org.fitsync.adapter.postgres.sync.PostgresPurgeHorizons;
import org.fitsync.adapter.postgres.sync.PostgresSyncRecords;
import org.fitsync.application.sync.CollectionStores;
import org.fitsync.application.sync.PullService;
import org.fitsync.application.sync.PushService;

/**
 * The sync engine: pull and push services over the generic JSONB store. Collections the server
 * computes on (runs, daily entries) join by passing their own store to {@link CollectionStores}.
 */
final class SyncWiring {

    private SyncWiring() {}

    static RouteModule routes(FeatureContext context) {
        SyncConfig config = SyncConfig.from(context.environment(), context.config().maxClockSkew(), context.json());
        CollectionStores stores = CollectionStores.allGeneric(new PostgresSyncRecords());
        PostgresPurgeHorizons horizons = new PostgresPurgeHorizons();
        PushService push = new PushService(context.transactions(), context.versions(), config.registry(), stores,
                horizons, config.settings(), context.clock());
        PullService pull = new PullService(context.transactions(), context.versions(), config.registry(), stores,
                horizons);
        return new SyncRoutes(pull, push, context.jsonBody(), context.json());
    }
}

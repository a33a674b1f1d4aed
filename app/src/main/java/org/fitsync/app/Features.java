package org.fitsync.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.RouteModule;

/**
 * The composition of FitSync's features: each feature wires its ports, services and adapters here
 * and contributes its routes and background workers.
 */
final class Features {

    private final List<RouteModule> routes = new ArrayList<>();
    private final List<AutoCloseable> workers = new ArrayList<>();

    static Features wire(FeatureContext context) {
        Features features = new Features();
        // Each feature adds itself here, e.g. features.routes.add(SyncWiring.routes(context)).
        RunsWiring runs = RunsWiring.wire(context);
        features.routes.addAll(DailyWiring.routes(context));
        features.routes.add(SyncWiring.routes(context,
                Map.of("runs", runs.syncStore(), "daily_entries", DailyWiring.syncStore(context))));
        features.routes.addAll(runs.routes());
        StravaWiring.wire(context, runs.importedRuns()).ifPresent(strava -> strava.addTo(features.routes, features.workers));
        return features;
    }

    List<RouteModule> routes() {
        return List.copyOf(routes);
    }

    /** Background work to stop, in order, before the database closes. */
    List<AutoCloseable> workers() {
        return List.copyOf(workers);
    }
}

package org.fitsync.app.wiring;

import java.util.List;
import org.fitsync.adapter.http.RouteModule;

/** A seeded violation: a feature's wiring that takes its routes from another feature's wiring. */
public final class ReachingIntoRunsWiring {

    private ReachingIntoRunsWiring() {}

    static List<RouteModule> borrowedRoutes(RunsWiring runs) {
        return runs.routes();
    }
}

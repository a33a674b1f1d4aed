package org.fitsync.adapter.http;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Set;

/**
 * One feature's HTTP routes. The server registers every module, merges their OpenAPI fragments
 * into {@code /openapi.json}, and exempts their public paths from bearer authentication.
 */
public interface RouteModule {

    void register(RoutesConfig routes);

    /** Classpath resources holding OpenAPI fragments ({@code paths} and {@code components}). */
    default List<String> openApiFragments() {
        return List.of();
    }

    /** Exact paths under {@code /api/} that are reachable without a bearer token. */
    default Set<String> publicPaths() {
        return Set.of();
    }
}

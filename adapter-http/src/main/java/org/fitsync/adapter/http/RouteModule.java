package org.fitsync.adapter.http;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.adapter.http.admission.RequestClass;

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

    /**
     * Routes reachable without a bearer token because they carry their own credential (a signed URL),
     * each as the method and path template: {@code "PUT /api/v1/files/{id}/content"}.
     */
    default Set<String> publicRoutes() {
        return Set.of();
    }

    /**
     * The admission class of {@code GET} requests to those of this module's routes (path templates)
     * that are not plain reads: pulls and event streams. Writes are classed by their method.
     */
    default Map<String, RequestClass> getClasses() {
        return Map.of();
    }

    /**
     * The server is about to stop: end what would keep requests open (event streams), so that the
     * graceful stop waits only for ordinary requests.
     */
    default void stopping() {}
}

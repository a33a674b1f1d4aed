package org.fitsync.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.webapp.WebAppAssets;
import org.fitsync.adapter.http.webapp.WebAppRoutes;
import org.fitsync.app.config.FilesConfig;
import org.fitsync.app.config.FitSyncConfig;

/** The web app beside the API: its files from the classpath, its settings from the configuration. */
public final class WebAppWiring {

    private WebAppWiring() {}

    /**
     * The origins signed upload URLs name when files go straight to S3: the configured endpoint (path-style),
     * else the bucket's virtual-hosted AWS addresses, regional and global.
     */
    static List<URI> uploadOrigins(FilesConfig files) {
        return files.s3()
                .map(s3 -> s3.endpoint()
                        .map(endpoint -> List.of(URI.create(endpoint.getScheme() + "://" + endpoint.getAuthority())))
                        .orElseGet(() -> List.of(
                                URI.create("https://" + s3.bucket() + ".s3." + s3.region() + ".amazonaws.com"),
                                URI.create("https://" + s3.bucket() + ".s3.amazonaws.com"))))
                .orElse(List.of());
    }

    /** {@code apiRoutes} and the web app's. */
    public static List<RouteModule> withWebApp(List<RouteModule> apiRoutes, FitSyncConfig config, ObjectMapper json) {
        boolean signInLinks =
                config.auth().jwtSecret().isPresent() || config.database().embedded();
        List<RouteModule> routes = new ArrayList<>(apiRoutes);
        routes.add(new WebAppRoutes(
                WebAppAssets.load(WebAppWiring.class.getClassLoader()),
                config.webApp().settings(signInLinks, uploadOrigins(config.files())),
                json));
        return routes;
    }
}

package org.fitsync.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.webapp.WebAppAssets;
import org.fitsync.adapter.http.webapp.WebAppRoutes;
import org.fitsync.app.config.FitSyncConfig;

/** The web app beside the API: its files from the classpath, its settings from the configuration. */
public final class WebAppWiring {

    private WebAppWiring() {}

    /** {@code apiRoutes} and the web app's. */
    public static List<RouteModule> withWebApp(List<RouteModule> apiRoutes, FitSyncConfig config, ObjectMapper json) {
        boolean signInLinks =
                config.auth().jwtSecret().isPresent() || config.database().embedded();
        List<RouteModule> routes = new ArrayList<>(apiRoutes);
        routes.add(new WebAppRoutes(
                WebAppAssets.load(WebAppWiring.class.getClassLoader()),
                config.webApp().settings(signInLinks),
                json));
        return routes;
    }
}

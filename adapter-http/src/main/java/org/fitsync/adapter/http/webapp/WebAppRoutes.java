package org.fitsync.adapter.http.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Locale;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.webapp.WebAppAssets.Asset;

/**
 * The web app at {@code /app}: its page for every path below it (the app routes in the browser, so a
 * reloaded or shared {@code /app/runs/…} works), its files below {@code /app/assets/}, and {@code /} sends
 * a visitor there. Nothing here needs a token: the page holds no data, the app asks the API for it.
 */
public final class WebAppRoutes implements RouteModule {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final WebAppAssets assets;
    private final WebAppPage page;

    public WebAppRoutes(WebAppAssets assets, WebAppSettings settings, ObjectMapper mapper) {
        this.assets = assets;
        this.page = WebAppPage.render(assets, settings, mapper);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/app/"));
        routes.get("/app", this::page);
        routes.get("/app/assets/<name>", ctx -> {
            String name = ctx.pathParam("name");
            Asset asset = assets.find(name).orElseThrow(() -> new NotFoundResponse("no such file"));
            send(ctx, asset, assets.isHashed(name) ? IMMUTABLE : "no-cache");
        });
        routes.get("/app/<path>", this::page);
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", page.contentSecurityPolicy());
        ctx.header("X-Content-Type-Options", "nosniff");
        send(ctx, page.page(), "no-cache");
    }

    /** Answers {@code 304} to a browser that holds this version, else the bytes, gzipped when it accepts it. */
    private static void send(Context ctx, Asset asset, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", asset.etag());
        ctx.header("Vary", "Accept-Encoding");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType());
        String accepted = ctx.header("Accept-Encoding");
        if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzipped());
        } else {
            ctx.result(asset.plain());
        }
    }
}

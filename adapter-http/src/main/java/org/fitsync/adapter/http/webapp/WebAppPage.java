package org.fitsync.adapter.http.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.fitsync.adapter.http.webapp.WebAppAssets.Asset;

/**
 * The app's one HTML page, rendered once at start from {@code index.html}: every file it names is replaced
 * by its hashed name, modules find each other's hashed names through an import map, and the settings the
 * app needs ride along as JSON. The page itself is never cached without asking (it names the release), and
 * it carries a Content-Security-Policy that lets it run only its own scripts and load tiles only from the
 * configured server.
 */
final class WebAppPage {

    private static final String ASSET_PREFIX = "/app/assets/";

    private final Asset page;
    private final String contentSecurityPolicy;

    private WebAppPage(Asset page, String contentSecurityPolicy) {
        this.page = page;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    static WebAppPage render(WebAppAssets assets, WebAppSettings settings, ObjectMapper mapper) {
        String html = new String(assets.pageTemplate(), StandardCharsets.UTF_8);
        String importMap = importMap(assets, mapper);
        html = html.replace("{{importmap}}", importMap)
                .replace("{{config}}", scriptSafe(config(assets, settings, mapper)))
                .replace("{{modulepreload}}", modulePreloads(assets));
        for (var entry : assets.hashedNames().entrySet()) {
            html = html.replace("{{asset:" + entry.getKey() + "}}", ASSET_PREFIX + entry.getValue());
        }
        int unresolved = html.indexOf("{{");
        if (unresolved >= 0) {
            throw new IllegalStateException("index.html names what the app does not have: "
                    + html.substring(unresolved, Math.min(html.length(), unresolved + 60)));
        }
        String csp = "default-src 'self'; script-src 'self' 'sha256-"
                + WebAppAssets.sha256Base64(importMap.getBytes(StandardCharsets.UTF_8))
                + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data: " + settings.tileSource()
                + "; connect-src 'self'"
                + settings.oidc().map(oidc -> " " + oidc.origin()).orElse("")
                + settings.uploadSources()
                + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        return new WebAppPage(
                WebAppAssets.asset("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)), csp);
    }

    Asset page() {
        return page;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Maps each module's plain URL (what {@code import './api.js'} resolves to) to its hashed one. */
    private static String importMap(WebAppAssets assets, ObjectMapper mapper) {
        ObjectNode imports = mapper.createObjectNode();
        assets.hashedNames().forEach((name, hashed) -> {
            if (isAppModule(name)) {
                imports.put(ASSET_PREFIX + name, ASSET_PREFIX + hashed);
            }
        });
        ObjectNode map = mapper.createObjectNode();
        map.set("imports", imports);
        return write(mapper, map);
    }

    /**
     * Every module of the app, announced up front: the browser fetches them side by side instead of
     * discovering each import only once its importer has arrived.
     */
    private static String modulePreloads(WebAppAssets assets) {
        StringBuilder links = new StringBuilder();
        assets.hashedNames().forEach((name, hashed) -> {
            if (isAppModule(name) && !name.equals("app.js")) {
                links.append("<link rel=\"modulepreload\" href=\"")
                        .append(ASSET_PREFIX)
                        .append(hashed)
                        .append("\">");
            }
        });
        return links.toString();
    }

    private static boolean isAppModule(String name) {
        return name.endsWith(".js") && !name.startsWith("vendor/");
    }

    /** The settings the app reads, and where the libraries it loads on demand are (they are not modules). */
    private static String config(WebAppAssets assets, WebAppSettings settings, ObjectMapper mapper) {
        ObjectNode config = mapper.createObjectNode();
        ObjectNode vendored = config.putObject("assets");
        assets.hashedNames().forEach((name, hashed) -> {
            if (name.startsWith("vendor/")) {
                vendored.put(name, ASSET_PREFIX + hashed);
            }
        });
        config.put("tile_url", settings.tileUrl());
        config.put("tile_attribution", settings.tileAttribution());
        config.put("sign_in_links", settings.signInLinks());
        settings.oidc().ifPresent(oidc -> {
            ObjectNode provider = config.putObject("oidc");
            provider.put("issuer", oidc.issuer().toString());
            provider.put("client_id", oidc.clientId());
            provider.put("scope", oidc.scope());
        });
        return write(mapper, config);
    }

    private static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON inside a script element: a {@code </script>} in a value must not end the element. */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c");
    }
}

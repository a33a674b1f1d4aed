package org.fitsync.adapter.http.webapp;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the web app is set up: the map tiles it draws runs on ({@code FITSYNC_MAP_TILE_URL}, a Leaflet URL
 * template such as {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}) and the attribution their
 * licence asks for; whether the node signs people in with one-time links (it holds an HS256 secret); and the
 * OpenID Connect provider people sign in with, if any.
 */
public record WebAppSettings(
        String tileUrl, String tileAttribution, boolean signInLinks, Optional<Oidc> oidc, List<URI> uploadOrigins) {

    /**
     * An OpenID Connect provider the app signs in with (authorization code flow with PKCE, as a public
     * client): its issuer, the client id registered there, and the scopes asked for.
     */
    public record Oidc(URI issuer, String clientId, String scope) {

        public Oidc {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(scope, "scope");
        }

        /** The issuer's origin, as a Content-Security-Policy source: the app fetches discovery and tokens there. */
        String origin() {
            return issuer.getScheme() + "://" + issuer.getHost()
                    + (issuer.getPort() == -1 ? "" : ":" + issuer.getPort());
        }
    }

    public WebAppSettings(String tileUrl, String tileAttribution, boolean signInLinks) {
        this(tileUrl, tileAttribution, signInLinks, Optional.empty(), List.of());
    }

    /**
     * Where else the page may send bytes: the object store's origins when uploads go straight to it (S3), so the
     * browser's PUT to a signed URL is allowed by the page's policy (the bucket's CORS must allow it too).
     */
    String uploadSources() {
        StringBuilder sources = new StringBuilder();
        uploadOrigins.forEach(origin -> sources.append(' ').append(origin));
        return sources.toString();
    }

    public static final String OPENSTREETMAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public static final String OPENSTREETMAP_ATTRIBUTION =
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    public WebAppSettings {
        Objects.requireNonNull(tileAttribution, "tileAttribution");
        Objects.requireNonNull(oidc, "oidc");
        uploadOrigins = List.copyOf(uploadOrigins);
        if (!isTileTemplate(tileUrl)) {
            throw new IllegalArgumentException(
                    "the tile URL must be an http(s) template with {z}, {x} and {y}: " + tileUrl);
        }
    }

    /** Whether {@code url} is an http(s) URL template naming {@code {z}}, {@code {x}} and {@code {y}}. */
    public static boolean isTileTemplate(String url) {
        if (url == null || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            return false;
        }
        try {
            URI uri = URI.create(sample(url));
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The origin tiles come from, as a Content-Security-Policy source: a {@code {s}} subdomain placeholder
     * becomes {@code *.}, as CSP writes "any subdomain".
     */
    String tileSource() {
        URI uri = URI.create(sample(tileUrl));
        String host = tileUrl.contains("{s}.")
                ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                : uri.getHost();
        return uri.getScheme() + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String sample(String template) {
        return template.replace("{s}", "a")
                .replace("{z}", "0")
                .replace("{x}", "0")
                .replace("{y}", "0")
                .replace("{r}", "");
    }
}

package org.fitsync.app.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.http.webapp.WebAppSettings;
import org.fitsync.adapter.http.webapp.WebAppSettings.Oidc;

/**
 * The web app at {@code /app}: {@code FITSYNC_MAP_TILE_URL}, the map tiles behind runs (a Leaflet URL
 * template, OpenStreetMap's by default; a deployment with many users should use its own tile server or a
 * provider's, as OpenStreetMap's tile usage policy asks), and {@code FITSYNC_MAP_TILE_ATTRIBUTION}, the
 * credit those tiles require (HTML, shown on every map). With {@code FITSYNC_OIDC_ISSUER} and
 * {@code FITSYNC_OIDC_CLIENT_ID} the app signs people in with that OpenID Connect provider (authorization code
 * with PKCE); the API then verifies the provider's tokens, so {@code FITSYNC_JWKS_URL} must name its keys.
 * {@code FITSYNC_OIDC_SCOPE} is what the app asks for ({@code openid} by default).
 */
public record WebAppConfig(String tileUrl, String tileAttribution, Optional<Oidc> oidc) {

    static final String TILE_URL = "FITSYNC_MAP_TILE_URL";
    static final String OIDC_ISSUER = "FITSYNC_OIDC_ISSUER";
    static final String OIDC_CLIENT_ID = "FITSYNC_OIDC_CLIENT_ID";

    static WebAppConfig from(Environment env, AuthConfig auth) {
        String tileUrl = env.string(TILE_URL, WebAppSettings.OPENSTREETMAP_TILES);
        if (!WebAppSettings.isTileTemplate(tileUrl)) {
            throw new ConfigException(TILE_URL, "must be an http(s) URL template with {z}, {x} and {y}");
        }
        String attribution = env.string(
                "FITSYNC_MAP_TILE_ATTRIBUTION",
                tileUrl.equals(WebAppSettings.OPENSTREETMAP_TILES) ? WebAppSettings.OPENSTREETMAP_ATTRIBUTION : "");
        return new WebAppConfig(tileUrl, attribution, oidc(env, auth));
    }

    private static Optional<Oidc> oidc(Environment env, AuthConfig auth) {
        Optional<URI> issuer = env.uri(OIDC_ISSUER);
        Optional<String> clientId = env.string(OIDC_CLIENT_ID);
        if (issuer.isEmpty() && clientId.isEmpty()) {
            return Optional.empty();
        }
        if (issuer.isEmpty()) {
            throw new ConfigException(OIDC_ISSUER, "is required with " + OIDC_CLIENT_ID);
        }
        if (clientId.isEmpty()) {
            throw new ConfigException(OIDC_CLIENT_ID, "is required with " + OIDC_ISSUER);
        }
        if (auth.jwksUrl().isEmpty()) {
            throw new ConfigException(
                    "FITSYNC_JWKS_URL",
                    "is required with " + OIDC_ISSUER + ": the API must verify the provider's tokens");
        }
        return Optional.of(new Oidc(issuer.get(), clientId.get(), env.string("FITSYNC_OIDC_SCOPE", "openid")));
    }

    /**
     * The app's settings; {@code signInLinks}: whether this node holds the HS256 secret links are signed with;
     * {@code uploadOrigins}: where browsers upload activity files besides this server (the object store).
     */
    public WebAppSettings settings(boolean signInLinks, List<URI> uploadOrigins) {
        return new WebAppSettings(tileUrl, tileAttribution, signInLinks, oidc, uploadOrigins);
    }
}

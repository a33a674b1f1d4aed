package org.fitsync.app.config;

import org.fitsync.adapter.http.webapp.WebAppSettings;

/**
 * The web app at {@code /app}: {@code FITSYNC_MAP_TILE_URL}, the map tiles behind runs (a Leaflet URL
 * template, OpenStreetMap's by default; a deployment with many users should use its own tile server or a
 * provider's, as OpenStreetMap's tile usage policy asks), and {@code FITSYNC_MAP_TILE_ATTRIBUTION}, the
 * credit those tiles require (HTML, shown on every map).
 */
public record WebAppConfig(String tileUrl, String tileAttribution) {

    static final String TILE_URL = "FITSYNC_MAP_TILE_URL";

    static WebAppConfig from(Environment env) {
        String tileUrl = env.string(TILE_URL, WebAppSettings.OPENSTREETMAP_TILES);
        if (!WebAppSettings.isTileTemplate(tileUrl)) {
            throw new ConfigException(TILE_URL, "must be an http(s) URL template with {z}, {x} and {y}");
        }
        String attribution = env.string(
                "FITSYNC_MAP_TILE_ATTRIBUTION",
                tileUrl.equals(WebAppSettings.OPENSTREETMAP_TILES) ? WebAppSettings.OPENSTREETMAP_ATTRIBUTION : "");
        return new WebAppConfig(tileUrl, attribution);
    }

    /** The app's settings; {@code signInLinks}: whether this node holds the HS256 secret links are signed with. */
    public WebAppSettings settings(boolean signInLinks) {
        return new WebAppSettings(tileUrl, tileAttribution, signInLinks);
    }
}

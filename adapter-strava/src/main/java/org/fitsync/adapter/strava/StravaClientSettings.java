package org.fitsync.adapter.strava;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Strava and how hard to try. {@code baseUrl} is the site root: the API is under
 * {@code /api/v3}, OAuth under {@code /oauth}. {@code rateWindow} is Strava's short rate-limit
 * window (15 minutes, aligned to multiples since the epoch).
 */
public record StravaClientSettings(
        URI baseUrl,
        String clientId,
        String clientSecret,
        Duration rateWindow,
        Duration requestTimeout,
        int maxRetries,
        Duration backoffBase,
        Duration backoffCap,
        int breakerThreshold,
        Duration breakerCooldown,
        Duration refreshMargin) {

    public StravaClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (rateWindow.toSeconds() < 1 || maxRetries < 0 || breakerThreshold < 1) {
            throw new IllegalArgumentException("invalid Strava client settings");
        }
        String root = baseUrl.toString();
        baseUrl = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    }

    /** Strava's documented behaviour with defaults that suit production. */
    public static StravaClientSettings defaults(
            URI baseUrl, String clientId, String clientSecret, Duration rateWindow) {
        return new StravaClientSettings(
                baseUrl,
                clientId,
                clientSecret,
                rateWindow,
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(250),
                Duration.ofSeconds(8),
                5,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }

    public URI api(String pathAndQuery) {
        return URI.create(baseUrl + "/api/v3" + pathAndQuery);
    }

    public URI oauth(String path) {
        return URI.create(baseUrl + "/oauth" + path);
    }
}

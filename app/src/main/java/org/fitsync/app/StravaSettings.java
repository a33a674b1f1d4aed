package org.fitsync.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.adapter.strava.StravaClientSettings;

/**
 * The Strava import's configuration (API.md, Strava import), read from the environment.
 * {@code tokenKey} is the base64 AES-256 key for tokens at rest: {@code FITSYNC_TOKEN_KEY}, or in
 * embedded mode one generated once into the data directory.
 */
record StravaSettings(
        StravaClientSettings client,
        URI publicUrl,
        Optional<String> verifyToken,
        Optional<URI> returnUrl,
        String tokenKey,
        boolean weatherEnabled,
        URI weatherBaseUrl,
        int workers,
        Duration lease,
        Duration poll,
        int maxAttempts,
        int parallelFetches,
        Duration sseHeartbeat) {

    static final URI DEFAULT_BASE_URL = URI.create("https://www.strava.com");
    static final URI DEFAULT_WEATHER_URL = URI.create("https://archive-api.open-meteo.com");

    /** Empty when Strava is not configured ({@code FITSYNC_STRAVA_CLIENT_ID} unset): the feature is off. */
    static Optional<StravaSettings> from(Environment env, AppConfig config) {
        URI base = env.uri("FITSYNC_STRAVA_BASE_URL").orElse(DEFAULT_BASE_URL);
        Optional<String> clientId = env.string("FITSYNC_STRAVA_CLIENT_ID");
        Optional<String> secret = env.string("FITSYNC_STRAVA_CLIENT_SECRET");
        if (clientId.isPresent() != secret.isPresent()) {
            throw new ConfigException(clientId.isPresent() ? "FITSYNC_STRAVA_CLIENT_SECRET" : "FITSYNC_STRAVA_CLIENT_ID",
                    "is required when the other Strava credential is set");
        }
        Duration window = Duration.ofSeconds(env.integer("FITSYNC_STRAVA_RATE_WINDOW_SECONDS", 900, 1, 86_400));
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        StravaClientSettings defaults = StravaClientSettings.defaults(base, clientId.get(), secret.orElseThrow(), window);
        StravaClientSettings client = new StravaClientSettings(base, clientId.get(), secret.get(), window,
                    env.duration("FITSYNC_STRAVA_REQUEST_TIMEOUT", defaults.requestTimeout()),
                    env.integer("FITSYNC_STRAVA_MAX_RETRIES", defaults.maxRetries(), 0, 10),
                    env.duration("FITSYNC_STRAVA_BACKOFF_BASE", defaults.backoffBase()),
                    defaults.backoffCap(), defaults.breakerThreshold(),
                    env.duration("FITSYNC_STRAVA_BREAKER_COOLDOWN", defaults.breakerCooldown()),
                    defaults.refreshMargin());
        URI publicUrl = env.uri("FITSYNC_PUBLIC_URL").orElse(URI.create("http://localhost:" + config.port()));
        String weather = env.string("FITSYNC_WEATHER", "open-meteo").toLowerCase(Locale.ROOT);
        if (!weather.equals("open-meteo") && !weather.equals("off")) {
            throw new ConfigException("FITSYNC_WEATHER", "must be open-meteo or off, got '" + weather + "'");
        }
        return Optional.of(new StravaSettings(client, publicUrl, env.string("FITSYNC_STRAVA_VERIFY_TOKEN"),
                env.uri("FITSYNC_STRAVA_RETURN_URL"), tokenKey(env, config), weather.equals("open-meteo"),
                env.uri("FITSYNC_WEATHER_BASE_URL").orElse(DEFAULT_WEATHER_URL),
                env.integer("FITSYNC_IMPORT_WORKERS", 2, 0, 64),
                env.duration("FITSYNC_IMPORT_LEASE", Duration.ofSeconds(30)),
                env.duration("FITSYNC_IMPORT_POLL", Duration.ofSeconds(1)),
                env.integer("FITSYNC_IMPORT_MAX_ATTEMPTS", 8, 1, 1000),
                env.integer("FITSYNC_IMPORT_PARALLEL_FETCHES", 4, 1, 32),
                env.duration("FITSYNC_SSE_HEARTBEAT", Duration.ofSeconds(15))));
    }

    private static String tokenKey(Environment env, AppConfig config) {
        Optional<String> key = env.string("FITSYNC_TOKEN_KEY");
        if (key.isPresent()) {
            byte[] raw;
            try {
                raw = key.get().contains("+") || key.get().contains("/")
                        ? Base64.getDecoder().decode(key.get()) : Base64.getUrlDecoder().decode(key.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("FITSYNC_TOKEN_KEY", "must be base64");
            }
            if (raw.length != 32) {
                throw new ConfigException("FITSYNC_TOKEN_KEY", "must be 32 bytes (base64 of a 256-bit key), got " + raw.length);
            }
            return key.get();
        }
        if (!config.embeddedDatabase()) {
            throw new ConfigException("FITSYNC_TOKEN_KEY",
                    "is required with FITSYNC_DATABASE_URL (every node must share it); only embedded mode generates one");
        }
        Path file = config.dataDir().resolve("token-key");
        return SecretFiles.readOrCreate(file, 32);
    }

    URI callbackUrl() {
        String root = publicUrl.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root)
                + "/api/v1/integrations/strava/callback");
    }

    URI webhookUrl() {
        String root = publicUrl.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/api/v1/webhooks/strava");
    }
}

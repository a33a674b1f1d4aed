package org.fitsync.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.adapter.strava.StravaClientSettings;

/**
 * The imports feature (docs/api.md, Strava import): Strava, the weather looked up for imported runs and the
 * import workers. Every variable is checked whether or not Strava is on, so a bad value is found when it
 * is set, not when Strava is turned on later. {@code tokenKey} is the base64 AES-256 key for tokens at
 * rest ({@code FITSYNC_TOKEN_KEY}); empty in embedded mode, which generates one into the data directory.
 */
public record ImportsConfig(
        Optional<Strava> strava, Optional<String> tokenKey, Weather weather, Workers workers, Duration sseHeartbeat) {

    static final URI DEFAULT_BASE_URL = URI.create("https://www.strava.com");
    static final URI DEFAULT_WEATHER_URL = URI.create("https://archive-api.open-meteo.com");
    /** The import runner refuses shorter leases: its heartbeat, every third of one, would have no time to renew it. */
    static final Duration MIN_LEASE = Duration.ofMillis(300);

    /** Strava is on when {@code FITSYNC_STRAVA_CLIENT_ID} (and its secret) are set. */
    public record Strava(
            StravaClientSettings client, URI publicUrl, Optional<String> verifyToken, Optional<URI> returnUrl) {

        public URI callbackUrl() {
            return URI.create(root() + "/api/v1/integrations/strava/callback");
        }

        public URI webhookUrl() {
            return URI.create(root() + "/api/v1/webhooks/strava");
        }

        private String root() {
            String root = publicUrl.toString();
            return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        }
    }

    /** {@code FITSYNC_WEATHER} ({@code open-meteo} or {@code off}) and {@code FITSYNC_WEATHER_BASE_URL}. */
    public record Weather(boolean enabled, URI baseUrl) {}

    /** The {@code FITSYNC_IMPORT_*} variables: this node's worker threads and how they run jobs. */
    public record Workers(int count, Duration lease, Duration poll, int maxAttempts, int parallelFetches) {}

    static ImportsConfig from(Environment env, ServerConfig server, DatabaseConfig database) {
        Optional<String> tokenKey = tokenKey(env);
        Optional<Strava> strava = strava(env, server);
        if (strava.isPresent() && tokenKey.isEmpty() && !database.embedded()) {
            throw new ConfigException(
                    "FITSYNC_TOKEN_KEY",
                    "is required with FITSYNC_DATABASE_URL (every node must share it); only embedded mode generates one");
        }
        return new ImportsConfig(
                strava,
                tokenKey,
                weather(env),
                workers(env),
                env.duration("FITSYNC_SSE_HEARTBEAT", Duration.ofSeconds(15)));
    }

    public boolean enabled() {
        return strava.isPresent();
    }

    private static Optional<Strava> strava(Environment env, ServerConfig server) {
        URI base = env.uri("FITSYNC_STRAVA_BASE_URL").orElse(DEFAULT_BASE_URL);
        Optional<String> clientId = env.string("FITSYNC_STRAVA_CLIENT_ID");
        Optional<String> secret = env.string("FITSYNC_STRAVA_CLIENT_SECRET");
        if (clientId.isPresent() != secret.isPresent()) {
            throw new ConfigException(
                    clientId.isPresent() ? "FITSYNC_STRAVA_CLIENT_SECRET" : "FITSYNC_STRAVA_CLIENT_ID",
                    "is required when the other Strava credential is set");
        }
        Duration window = Duration.ofSeconds(env.integer("FITSYNC_STRAVA_RATE_WINDOW_SECONDS", 900, 1, 86_400));
        // The client's own defaults, for the values left unset; the credentials play no part in them.
        StravaClientSettings defaults = StravaClientSettings.defaults(base, "", "", window);
        Duration requestTimeout = env.duration("FITSYNC_STRAVA_REQUEST_TIMEOUT", defaults.requestTimeout());
        int maxRetries = env.integer("FITSYNC_STRAVA_MAX_RETRIES", defaults.maxRetries(), 0, 10);
        Duration backoffBase = env.duration("FITSYNC_STRAVA_BACKOFF_BASE", defaults.backoffBase());
        Duration breakerCooldown = env.duration("FITSYNC_STRAVA_BREAKER_COOLDOWN", defaults.breakerCooldown());
        URI publicUrl = env.uri("FITSYNC_PUBLIC_URL").orElse(URI.create("http://localhost:" + server.port()));
        Optional<String> verifyToken = env.string("FITSYNC_STRAVA_VERIFY_TOKEN");
        Optional<URI> returnUrl = env.uri("FITSYNC_STRAVA_RETURN_URL");
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        StravaClientSettings client = new StravaClientSettings(
                base,
                clientId.get(),
                secret.orElseThrow(),
                window,
                requestTimeout,
                maxRetries,
                backoffBase,
                defaults.backoffCap(),
                defaults.breakerThreshold(),
                breakerCooldown,
                defaults.refreshMargin());
        return Optional.of(new Strava(client, publicUrl, verifyToken, returnUrl));
    }

    private static Weather weather(Environment env) {
        String weather = env.string("FITSYNC_WEATHER", "open-meteo").toLowerCase(Locale.ROOT);
        if (!weather.equals("open-meteo") && !weather.equals("off")) {
            throw new ConfigException("FITSYNC_WEATHER", "must be open-meteo or off, got '" + weather + "'");
        }
        URI baseUrl = env.uri("FITSYNC_WEATHER_BASE_URL").orElse(DEFAULT_WEATHER_URL);
        return new Weather(weather.equals("open-meteo"), baseUrl);
    }

    private static Workers workers(Environment env) {
        Duration lease = env.duration("FITSYNC_IMPORT_LEASE", Duration.ofSeconds(30));
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new ConfigException("FITSYNC_IMPORT_LEASE", "must be at least " + MIN_LEASE.toMillis() + "ms");
        }
        return new Workers(
                env.integer("FITSYNC_IMPORT_WORKERS", 2, 0, 64),
                lease,
                env.duration("FITSYNC_IMPORT_POLL", Duration.ofSeconds(1)),
                env.integer("FITSYNC_IMPORT_MAX_ATTEMPTS", 8, 1, 1000),
                env.integer("FITSYNC_IMPORT_PARALLEL_FETCHES", 4, 1, 32));
    }

    private static Optional<String> tokenKey(Environment env) {
        Optional<String> key = env.string("FITSYNC_TOKEN_KEY");
        if (key.isEmpty()) {
            return key;
        }
        byte[] raw;
        try {
            raw = key.get().contains("+") || key.get().contains("/")
                    ? Base64.getDecoder().decode(key.get())
                    : Base64.getUrlDecoder().decode(key.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FITSYNC_TOKEN_KEY", "must be base64");
        }
        if (raw.length != 32) {
            throw new ConfigException(
                    "FITSYNC_TOKEN_KEY", "must be 32 bytes (base64 of a 256-bit key), got " + raw.length);
        }
        return key;
    }
}

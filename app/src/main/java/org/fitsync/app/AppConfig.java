package org.fitsync.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.fitsync.adapter.http.HttpSettings;

/**
 * FitSync's configuration, read from environment variables; every value has a laptop default
 * (see the README's configuration table).
 */
public record AppConfig(
        int port,
        Optional<String> databaseUrl,
        String databaseUser,
        String databasePassword,
        String databaseOwnerUser,
        String databaseOwnerPassword,
        int databasePoolSize,
        Path dataDir,
        Optional<String> jwtSecret,
        Optional<URI> jwksUrl,
        long maxBodyBytes,
        Duration maxClockSkew,
        int httpThreads) {

    public static final int MIN_JWT_SECRET_BYTES = 32;
    /** Jetty's request threads; chosen from the load measurements (README, "Load and capacity"). */
    public static final int DEFAULT_HTTP_THREADS = HttpSettings.DEFAULT_MAX_THREADS;

    public static AppConfig from(Environment env) {
        int port = env.integer("FITSYNC_PORT", 7070, 0, 65535);
        Optional<String> url = env.string("FITSYNC_DATABASE_URL");
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql://")) {
            throw new ConfigException("FITSYNC_DATABASE_URL", "must be a jdbc:postgresql:// URL");
        }
        String user = env.string("FITSYNC_DATABASE_USER", "fitsync_app");
        String password = env.string("FITSYNC_DATABASE_PASSWORD", "");
        String ownerUser = env.string("FITSYNC_DATABASE_OWNER_USER", url.isPresent() ? user : "postgres");
        String ownerPassword = env.string("FITSYNC_DATABASE_OWNER_PASSWORD", url.isPresent() ? password : "");
        int pool = env.integer("FITSYNC_DATABASE_POOL_SIZE",
                defaultPoolSize(Runtime.getRuntime().availableProcessors()), 1, 500);
        Path dataDir = env.path("FITSYNC_DATA_DIR", "./data");
        Optional<String> secret = env.string("FITSYNC_JWT_SECRET");
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new ConfigException("FITSYNC_JWT_SECRET", "must be at least " + MIN_JWT_SECRET_BYTES
                    + " bytes (HS256 needs a 256-bit key)");
        }
        Optional<URI> jwks = env.uri("FITSYNC_JWKS_URL");
        if (url.isPresent() && secret.isEmpty() && jwks.isEmpty()) {
            throw new ConfigException("FITSYNC_JWT_SECRET",
                    "is required with FITSYNC_DATABASE_URL (or set FITSYNC_JWKS_URL); only embedded mode generates one");
        }
        long maxBody = env.bytes("FITSYNC_MAX_BODY_BYTES", 16L * 1024 * 1024);
        Duration skew = env.duration("FITSYNC_MAX_CLOCK_SKEW", Duration.ofSeconds(60));
        int httpThreads = env.integer("FITSYNC_HTTP_THREADS", DEFAULT_HTTP_THREADS, HttpSettings.MIN_MAX_THREADS, 10_000);
        return new AppConfig(port, url, user, password, ownerUser, ownerPassword, pool, dataDir,
                secret, jwks, maxBody, skew, httpThreads);
    }

    /**
     * Four connections per CPU core, 8 to 32. The load harness showed a 2-core node CPU-bound at 4–8
     * connections: more only lengthened how long each was held (threads waiting for CPU inside their
     * transactions) and lowered throughput; by Little's law the busy connections are throughput ×
     * hold time, about 3 at saturation on 2 cores, so 4 per core leaves room for streamed pulls to
     * slow clients. Capped at 32, well under PostgreSQL's default {@code max_connections} of 100.
     */
    static int defaultPoolSize(int cores) {
        return Math.max(8, Math.min(32, 4 * cores));
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }
}

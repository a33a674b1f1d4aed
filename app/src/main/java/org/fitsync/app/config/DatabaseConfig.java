package org.fitsync.app.config;

import java.time.Duration;
import java.util.Optional;
import org.fitsync.adapter.postgres.DatabaseSettings;

/**
 * The database: an external PostgreSQL ({@code FITSYNC_DATABASE_URL} and its credentials) or, when no
 * URL is set, the embedded one in the data directory; the pool's size ({@code FITSYNC_DATABASE_POOL_SIZE})
 * and how long a request waits for one of its connections ({@code FITSYNC_DATABASE_CONNECTION_TIMEOUT});
 * {@code FITSYNC_DATABASE_DIRECT_URL} reaches PostgreSQL past a transaction-mode pooler, for {@code LISTEN}
 * and migrations.
 */
public record DatabaseConfig(
        Optional<String> url,
        Optional<String> directUrl,
        String user,
        String password,
        String ownerUser,
        String ownerPassword,
        int poolSize,
        Duration connectionTimeout) {

    public static final String URL = "FITSYNC_DATABASE_URL";
    static final String DIRECT_URL = "FITSYNC_DATABASE_DIRECT_URL";
    static final String CONNECTION_TIMEOUT = "FITSYNC_DATABASE_CONNECTION_TIMEOUT";
    /**
     * Short, so that a node whose pool is exhausted answers {@code 503} with {@code Retry-After} at
     * once rather than after a stall (docs/adr/0024).
     */
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    static DatabaseConfig from(Environment env) {
        Optional<String> url = env.string(URL);
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql://")) {
            throw new ConfigException(URL, "must be a jdbc:postgresql:// URL");
        }
        Optional<String> directUrl = env.string(DIRECT_URL);
        if (directUrl.isPresent() && (url.isEmpty() || !directUrl.get().startsWith("jdbc:postgresql://"))) {
            throw new ConfigException(DIRECT_URL, "must be a jdbc:postgresql:// URL, and only with " + URL);
        }
        String user = env.string("FITSYNC_DATABASE_USER", "fitsync_app");
        String password = env.string("FITSYNC_DATABASE_PASSWORD", "");
        String ownerUser = env.string("FITSYNC_DATABASE_OWNER_USER", url.isPresent() ? user : "postgres");
        String ownerPassword = env.string("FITSYNC_DATABASE_OWNER_PASSWORD", url.isPresent() ? password : "");
        int pool = env.integer(
                "FITSYNC_DATABASE_POOL_SIZE",
                defaultPoolSize(Runtime.getRuntime().availableProcessors()),
                1,
                500);
        Duration timeout = env.duration(CONNECTION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
        if (timeout.compareTo(DatabaseSettings.MIN_CONNECTION_TIMEOUT) < 0
                || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigException(CONNECTION_TIMEOUT, "must be between 250ms and 1m");
        }
        return new DatabaseConfig(url, directUrl, user, password, ownerUser, ownerPassword, pool, timeout);
    }

    /**
     * Four connections per CPU core, 8 to 32. The load harness showed a 2-core node CPU-bound at 4–8
     * connections: more only lengthened how long each was held (threads waiting for CPU inside their
     * transactions) and lowered throughput; by Little's law the busy connections are throughput ×
     * hold time, about 3 at saturation on 2 cores, so 4 per core leaves room for streamed pulls to
     * slow clients. Capped at 32, well under PostgreSQL's default {@code max_connections} of 100.
     */
    public static int defaultPoolSize(int cores) {
        return Math.max(8, Math.min(32, 4 * cores));
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    /** The external database with a pool of {@code poolSize}; only without the embedded one. */
    public DatabaseSettings external(int poolSize) {
        String jdbcUrl = url.orElseThrow(() -> new IllegalStateException("no external database configured"));
        return new DatabaseSettings(
                jdbcUrl,
                user,
                password,
                ownerUser,
                ownerPassword,
                poolSize,
                connectionTimeout,
                directUrl.orElse(jdbcUrl));
    }
}

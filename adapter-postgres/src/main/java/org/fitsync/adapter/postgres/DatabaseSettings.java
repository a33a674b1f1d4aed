package org.fitsync.adapter.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and who connects. The app role is the one requests run as: it must not
 * own the tables, so row-level security applies to it. The owner role runs migrations.
 * {@code connectionTimeout} is how long a request waits for a pooled connection before it fails
 * with {@link java.sql.SQLTransientConnectionException}, which the HTTP adapter answers as overload
 * ({@code 503}); the server's configuration keeps it short, so an overloaded node says so at once
 * (docs/adr/0024).
 */
public record DatabaseSettings(
        String jdbcUrl,
        String appUser,
        String appPassword,
        String ownerUser,
        String ownerPassword,
        int maxPoolSize,
        Duration connectionTimeout) {

    /** HikariCP's usual wait, for tools and tests that do not choose; the server configures its own. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's own floor. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("the connection timeout must be at least 250ms");
        }
    }

    /** With the default connection timeout. */
    public DatabaseSettings(
            String jdbcUrl,
            String appUser,
            String appPassword,
            String ownerUser,
            String ownerPassword,
            int maxPoolSize) {
        this(jdbcUrl, appUser, appPassword, ownerUser, ownerPassword, maxPoolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The same database with another pool size and connection timeout. */
    public DatabaseSettings withPool(int poolSize, Duration timeout) {
        return new DatabaseSettings(jdbcUrl, appUser, appPassword, ownerUser, ownerPassword, poolSize, timeout);
    }
}

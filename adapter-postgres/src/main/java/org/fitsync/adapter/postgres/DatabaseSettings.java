package org.fitsync.adapter.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and who connects. The app role is the one requests run as: it must not
 * own the tables, so row-level security applies to it. The owner role runs migrations.
 * {@code connectionTimeout} is how long a request waits for a pooled connection before it fails
 * with {@link java.sql.SQLTransientConnectionException}, which the HTTP adapter answers as overload
 * ({@code 503}); the server's configuration keeps it short, so an overloaded node says so at once
 * (docs/adr/0024). {@code directUrl} reaches PostgreSQL itself, for what needs a session of its own
 * ({@code LISTEN}, the migrations' lock): the same as {@code jdbcUrl} unless that URL goes through a
 * transaction-mode pooler such as PgBouncer (docs/operations.md).
 */
public record DatabaseSettings(
        String jdbcUrl,
        String appUser,
        String appPassword,
        String ownerUser,
        String ownerPassword,
        int maxPoolSize,
        Duration connectionTimeout,
        String directUrl) {

    /** HikariCP's usual wait, for tools and tests that do not choose; the server configures its own. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's own floor. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
        }
        if (directUrl == null || !directUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the direct database URL must start with jdbc:postgresql:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("the connection timeout must be at least 250ms");
        }
    }

    /** Without a pooler in between: the direct URL is the URL. */
    public DatabaseSettings(
            String jdbcUrl,
            String appUser,
            String appPassword,
            String ownerUser,
            String ownerPassword,
            int maxPoolSize,
            Duration connectionTimeout) {
        this(jdbcUrl, appUser, appPassword, ownerUser, ownerPassword, maxPoolSize, connectionTimeout, jdbcUrl);
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
        return new DatabaseSettings(
                jdbcUrl, appUser, appPassword, ownerUser, ownerPassword, poolSize, timeout, directUrl);
    }

    /** The same database, with {@code LISTEN} and migrations going to {@code url} directly. */
    public DatabaseSettings withDirectUrl(String url) {
        return new DatabaseSettings(
                jdbcUrl, appUser, appPassword, ownerUser, ownerPassword, maxPoolSize, connectionTimeout, url);
    }
}

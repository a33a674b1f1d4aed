package org.fitsync.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/** The application's connection pool and its Jdbi, connected as the (non-owner) app role. */
public final class PostgresDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final DataSource listeners;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool, DataSource listeners, Duration timeout, MeterRegistry metrics) {
        this.pool = pool;
        this.listeners = listeners;
        this.jdbi = Jdbi.create(new ConnectionLine(pool, pool.getMaximumPoolSize(), timeout, metrics))
                .installPlugin(new PostgresPlugin());
    }

    public static PostgresDatabase connect(DatabaseSettings settings, MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("fitsync");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.appUser());
        config.setPassword(settings.appPassword());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setAutoCommit(true);
        // Fail fast at start-up if the database is unreachable, instead of on the first request.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "fitsync");
        if (metrics != null) {
            config.setMetricRegistry(metrics);
        }
        return new PostgresDatabase(
                new HikariDataSource(config), unpooled(settings), settings.connectionTimeout(), metrics);
    }

    /**
     * Connections of their own, outside the pool, for {@code LISTEN}: a listener holds its connection for
     * the node's life, which would take a place of the pool from every request (and behind PgBouncer in
     * transaction mode a pooled connection cannot hold a {@code LISTEN} at all).
     */
    private static DataSource unpooled(DatabaseSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings.directUrl());
        source.setUser(settings.appUser());
        source.setPassword(settings.appPassword());
        source.setApplicationName("fitsync-listen");
        return source;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** For {@code LISTEN} connections, each opened on its own and held by its listener. */
    public DataSource listenerSource() {
        return listeners;
    }

    @Override
    public void close() {
        pool.close();
    }
}

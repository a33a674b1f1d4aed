package org.fitsync.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/** The application's connection pool and its Jdbi, connected as the (non-owner) app role. */
public final class PostgresDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
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
        return new PostgresDatabase(new HikariDataSource(config));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.fitsync.adapter.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.DatabaseRoles;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.Migrations;

/**
 * One embedded PostgreSQL per test JVM; every call to {@link #fresh()} gives a new, fully migrated
 * database cloned from a template, so each test class starts clean in milliseconds.
 */
public final class PostgresTestDatabase {

    public static final String APP_ROLE = "fitsync_app";
    public static final String APP_PASSWORD = "fitsync-test-app-password";
    private static final String TEMPLATE = "fitsync_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static EmbeddedPostgres server;
    private static boolean durable;

    private PostgresTestDatabase() {}

    /**
     * Makes the embedded server commit durably (fsync, synchronous commits, full page writes), as a
     * deployment does, instead of the test suite's throwaway settings: for benchmarks whose figures
     * include the commit. Call it before the first database is asked for.
     */
    public static synchronized void useDurableCommits() {
        if (server != null && !durable) {
            throw new IllegalStateException("the embedded PostgreSQL already runs without durable commits");
        }
        durable = true;
    }

    /** A new database with every migration applied, and the settings to reach it as app and owner. */
    public static synchronized DatabaseSettings fresh() {
        EmbeddedPostgres pg = server();
        String name = "fitsync_test_" + COUNTER.incrementAndGet();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return settings(pg, name);
    }

    /**
     * A new database with no migration applied: for another build of FitSync (a benchmark's baseline
     * jar), which migrates it to its own schema when it starts.
     */
    public static synchronized DatabaseSettings freshUnmigrated() {
        EmbeddedPostgres pg = server();
        String name = "fitsync_test_" + COUNTER.incrementAndGet();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
        return settings(pg, name);
    }

    /** A superuser connection to a test database, for assertions that look past row-level security. */
    public static DataSource ownerDataSource(DatabaseSettings settings) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(settings.jdbcUrl());
        ds.setUser(settings.ownerUser());
        ds.setPassword(settings.ownerPassword());
        return ds;
    }

    private static DatabaseSettings settings(EmbeddedPostgres pg, String database) {
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
        return new DatabaseSettings(url, APP_ROLE, APP_PASSWORD, "postgres", "", 10);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                String onlyIfDurable = durable ? "on" : "off";
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", onlyIfDurable)
                        .setServerConfig("synchronous_commit", onlyIfDurable)
                        .setServerConfig("full_page_writes", onlyIfDurable)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::stopAtExit));
            DatabaseRoles.ensureLoginRole(server.getPostgresDatabase(), APP_ROLE, APP_PASSWORD);
            execute(server.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
            DatabaseSettings template = settings(server, TEMPLATE);
            Migrations.forSettings(template).migrate();
        }
        return server;
    }

    /**
     * Stops the embedded server and removes its data directory, now rather than at JVM exit. For
     * a main method run by Maven's {@code exec:java}, where the exit hook did not remove it: every
     * run of the run ingest benchmark left 2.5 GB in the temporary directory. Later calls to
     * {@link #fresh()} start a new server.
     */
    public static synchronized void shutDown() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    private static void stopAtExit() {
        try {
            shutDown();
        } catch (RuntimeException e) {
            // The JVM is exiting; nothing more can be done about it here.
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

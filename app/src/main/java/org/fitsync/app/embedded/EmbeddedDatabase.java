package org.fitsync.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.postgres.DatabaseRoles;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.app.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL FitSync runs on when no database URL is configured: real PostgreSQL binaries
 * from Maven Central, with its data kept in the data directory across restarts. A watchdog restarts
 * it on the same port if it dies while the node lives (killed, out of memory), so the node recovers
 * by itself: PostgreSQL's crash recovery replays what was committed, and the pool and the listeners
 * reconnect.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String APP_ROLE = "fitsync_app";

    /** How long a PostgreSQL left running by a killed FitSync gets to shut down before it is killed. */
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);

    /** How often the watchdog looks whether the postmaster is alive. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final Path pgData;
    private final DatabaseSettings settings;
    private final DataDirectoryLock lock;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile boolean closing;

    @SuppressWarnings("FutureReturnValueIgnored") // restartIfDead handles its own failures; close() stops it
    private EmbeddedDatabase(
            Path pgData, EmbeddedPostgres postgres, DatabaseSettings settings, DataDirectoryLock lock) {
        this.pgData = pgData;
        this.postgres = postgres;
        this.settings = settings;
        this.lock = lock;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fitsync-embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
        long interval = WATCH_INTERVAL.toMillis();
        watchdog.scheduleWithFixedDelay(this::restartIfDead, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Starts PostgreSQL again, on its port, when its postmaster is gone; a failed start is tried on the next turn. */
    private void restartIfDead() {
        if (closing || postmasterAlive()) {
            return;
        }
        int port = postgres.getPort();
        LOG.warn("Embedded PostgreSQL stopped while the node runs; starting it again on port {}", port);
        try {
            try {
                postgres.close(); // lets go of the library's lock on the data directory
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the dead embedded PostgreSQL: {}", e.toString());
            }
            LeftoverPostmaster.clear(pgData, LEFTOVER_STOP_TIMEOUT);
            // Kept even when the node began to close meanwhile: close() waits for this turn and then stops
            // the instance started here, not the dead one.
            postgres = builder(pgData).setPort(port).start();
            LOG.info("Embedded PostgreSQL is back on port {}", port);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Embedded PostgreSQL did not start again yet: {}", e.toString());
        }
    }

    private boolean postmasterAlive() {
        return LeftoverPostmaster.pid(pgData.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(p -> p.isAlive() && LeftoverPostmaster.isPostmasterOf(p, pgData))
                .isPresent();
    }

    /**
     * Starts the embedded PostgreSQL on {@code dataDir}; a jar built without the binaries (the slim jar)
     * refuses with a {@link ConfigException} on {@code FITSYNC_DATABASE_URL} instead.
     */
    public static EmbeddedDatabase start(Path dataDir, int poolSize) {
        EmbeddedBinaries.requireBundled(EmbeddedDatabase.class.getClassLoader());
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            return start(dataDir, poolSize, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedDatabase start(Path dataDir, int poolSize, DataDirectoryLock lock) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(pgData.getParent());
            LeftoverPostmaster.clear(pgData, LEFTOVER_STOP_TIMEOUT);
            ClusterInitialisation.ensure(pgData, LEFTOVER_STOP_TIMEOUT);
            LOG.info("Starting embedded PostgreSQL in {}", pgData);
            EmbeddedPostgres postgres = builder(pgData).start();
            try {
                String password = SecretFiles.readOrCreate(dataDir.resolve("db-app-password"), 24);
                DatabaseRoles.ensureLoginRole(postgres.getPostgresDatabase(), APP_ROLE, password);
                String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
                LOG.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
                return new EmbeddedDatabase(
                        pgData,
                        postgres,
                        new DatabaseSettings(url, APP_ROLE, password, "postgres", "", poolSize),
                        lock);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL could not start in " + pgData, e);
        }
    }

    /** The embedded PostgreSQL on {@code pgData}, configured as FitSync runs it. */
    static EmbeddedPostgres.Builder builder(Path pgData) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // The embedding library defaults suit throwaway test databases (no fsync, commits
                // acknowledged before their WAL is written); a FitSync server acknowledges a push
                // only once it is durable, so a crash of the machine or of PostgreSQL loses nothing.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closing = true;
        // Not shutdownNow(): interrupting a restart under way would leave the postmaster it started
        // running after the node is gone. No new turn begins once closing is set.
        watchdog.shutdown();
        try {
            watchdog.awaitTermination(LEFTOVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }
}

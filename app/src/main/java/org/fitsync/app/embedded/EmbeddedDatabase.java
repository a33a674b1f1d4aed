package org.fitsync.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fitsync.adapter.postgres.DatabaseRoles;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.app.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL FitSync runs on when no database URL is configured: real PostgreSQL binaries
 * from Maven Central, with its data kept in the data directory across restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String APP_ROLE = "fitsync_app";

    /** How long a PostgreSQL left running by a killed FitSync gets to shut down before it is killed. */
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final DatabaseSettings settings;
    private final DataDirectoryLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseSettings settings, DataDirectoryLock lock) {
        this.postgres = postgres;
        this.settings = settings;
        this.lock = lock;
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
                        postgres, new DatabaseSettings(url, APP_ROLE, password, "postgres", "", poolSize), lock);
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

package org.fitsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.fitsync.app.config.ConfigException;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad value stops start-up in the configuration step, before any database is started or reached. */
class StartUpConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void aBadValueOfAFeatureThatIsOffLeavesTheEmbeddedDatabaseUntouched() {
        Map<String, String> env = Map.of("FITSYNC_DATA_DIR", dataDir.toString(), "FITSYNC_IMPORT_WORKERS", "lots");

        assertThatThrownBy(() -> FitSyncApplication.start(new Environment(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_IMPORT_WORKERS")
                .satisfies(StartUpConfigurationTest::thrownByTheConfigurationStep);
        // No lock, no cluster, no generated secret: the embedded database was never started.
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void aBadValueStopsStartUpBeforeAnExternalDatabaseIsReached() {
        // Nothing listens on port 1: had start-up got as far as the database, it would fail on the connection.
        Map<String, String> env = Map.of(
                "FITSYNC_DATA_DIR",
                dataDir.toString(),
                "FITSYNC_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:1/fitsync",
                "FITSYNC_JWT_SECRET",
                "s".repeat(32),
                "FITSYNC_COLLECTIONS_FILE",
                dataDir.resolve("missing.json").toString());

        assertThatThrownBy(() -> FitSyncApplication.start(new Environment(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_COLLECTIONS_FILE")
                .satisfies(StartUpConfigurationTest::thrownByTheConfigurationStep);
    }

    private static void thrownByTheConfigurationStep(Throwable thrown) {
        assertThat(Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::getClassName))
                .contains(FitSyncConfig.class.getName())
                .noneMatch(name -> name.startsWith("org.fitsync.app.embedded.")
                        || name.startsWith("org.fitsync.adapter.postgres."));
    }
}

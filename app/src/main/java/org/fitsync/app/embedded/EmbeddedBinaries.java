package org.fitsync.app.embedded;

import java.util.List;
import org.fitsync.app.config.ConfigException;
import org.fitsync.app.config.DatabaseConfig;

/**
 * Whether this build carries PostgreSQL binaries to embed. {@code fitsync.jar} bundles them for the
 * platforms FitSync runs on locally; {@code fitsync-slim.jar} leaves them out for deployments on an
 * external database, and without {@code FITSYNC_DATABASE_URL} it has nothing to start.
 */
final class EmbeddedBinaries {

    /** The archives the embedding library looks for, one per bundled platform (see app/pom.xml). */
    static final List<String> ARCHIVES = List.of(
            "postgres-linux-x86_64.txz",
            "postgres-linux-arm_64.txz",
            "postgres-darwin-x86_64.txz",
            "postgres-darwin-arm_64.txz");

    private EmbeddedBinaries() {}

    static boolean bundled(ClassLoader classes) {
        return ARCHIVES.stream().anyMatch(archive -> classes.getResource(archive) != null);
    }

    static void requireBundled(ClassLoader classes) {
        if (!bundled(classes)) {
            throw new ConfigException(
                    DatabaseConfig.URL,
                    "is required: this jar has no embedded PostgreSQL"
                            + " (fitsync-slim.jar needs an external database; fitsync.jar embeds one)");
        }
    }
}

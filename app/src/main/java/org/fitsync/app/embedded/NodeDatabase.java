package org.fitsync.app.embedded;

import java.nio.file.Path;
import java.util.Optional;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.app.config.DatabaseConfig;

/** The database a node runs on: the configured external one, or the embedded one it starts in the data directory. */
public record NodeDatabase(DatabaseSettings settings, Optional<EmbeddedDatabase> embedded) implements AutoCloseable {

    public static NodeDatabase open(DatabaseConfig config, Path dataDir, int poolSize) {
        if (!config.embedded()) {
            return new NodeDatabase(config.external(poolSize), Optional.empty());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir, poolSize);
        return new NodeDatabase(embedded.settings(), Optional.of(embedded));
    }

    /** Stops the embedded database, if this node started one; an external one is not the node's to stop. */
    @Override
    public void close() {
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}

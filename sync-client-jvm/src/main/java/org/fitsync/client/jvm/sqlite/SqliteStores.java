package org.fitsync.client.jvm.sqlite;

import java.nio.file.Path;
import java.util.Objects;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalStores;

/**
 * PLACEHOLDER of the wt/http branch so {@code JvmClient} compiles: the real SQLite stores are written on
 * another branch and replace this file at merge.
 */
public final class SqliteStores implements LocalStores {

    private final Path dataDirectory;

    public SqliteStores(Path dataDirectory) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    @Override
    public LocalStore open(String userId) {
        throw new UnsupportedOperationException("placeholder: SQLite stores in " + dataDirectory);
    }
}

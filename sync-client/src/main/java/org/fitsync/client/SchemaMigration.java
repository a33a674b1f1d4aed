package org.fitsync.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one schema version added, in WatermelonDB's terms: whole tables, and columns of existing tables.
 * Pulled as the server's {@code migration} parameter, so a client upgraded offline still receives the
 * records and values it could not hold before.
 */
public record SchemaMigration(int fromVersion, List<String> createdTables, Map<String, List<String>> addedColumns) {

    public SchemaMigration {
        if (fromVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
        createdTables = List.copyOf(createdTables);
        addedColumns = Map.copyOf(addedColumns);
        addedColumns.values().forEach(Objects::requireNonNull);
    }
}

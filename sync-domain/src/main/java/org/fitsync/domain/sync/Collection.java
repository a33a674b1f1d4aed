package org.fitsync.domain.sync;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A synced collection: its declared columns and its conflict strategy. */
public record Collection(String name, List<Column> columns, ConflictStrategy strategy) {

    /** Columns every record has; a collection cannot redeclare them. */
    public static final Set<String> RESERVED_COLUMNS = Set.of("id", "created_at", "updated_at", "_status", "_changed");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Collection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name must match " + NAME + ": " + name);
        }
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("column declared twice in " + name + ": " + column.name());
            }
        }
    }

    public static Collection of(String name, ConflictStrategy strategy, Column... columns) {
        return new Collection(name, List.of(columns), strategy);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}

package org.fitsync.domain.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A merge rule for records the server owns except for a few columns the user edits (runs: notes
 * and metadata are {@code client_wins}, the rest is the server's). A pushed change to an existing
 * record applies to those columns only; the other columns keep the stored values.
 */
public record ClientOwnedColumns(Set<String> columns) implements MergeRule {

    public ClientOwnedColumns {
        columns = Set.copyOf(columns);
    }

    public static ConflictStrategy strategy(String... columns) {
        return new ConflictStrategy.Merge("client_wins", new ClientOwnedColumns(Set.of(columns)));
    }

    @Override
    public SyncRecord merge(SyncRecord stored, SyncRecord pushed) {
        Map<String, Value> fields = new LinkedHashMap<>(stored.fields());
        boolean changed = false;
        for (String column : columns) {
            Value value = pushed.field(column);
            if (!value.equals(stored.field(column))) {
                fields.put(column, value);
                changed = true;
            }
        }
        return changed ? new SyncRecord(stored.id(), fields, stored.createdAt(), pushed.updatedAt()) : stored;
    }
}

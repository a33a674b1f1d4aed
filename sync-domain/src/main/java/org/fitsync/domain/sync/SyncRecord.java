package org.fitsync.domain.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A synced record as the server keeps it: its id, its declared columns (sanitised, in declaration
 * order) and its {@code created_at}/{@code updated_at} in epoch milliseconds.
 */
public record SyncRecord(RecordId id, Map<String, Value> fields, long createdAt, long updatedAt) {

    public SyncRecord {
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Value field(String column) {
        return fields.getOrDefault(column, Value.NULL);
    }

    /** Same columns, ignoring the timestamps. */
    public boolean sameContent(SyncRecord other) {
        return fields.equals(other.fields);
    }
}

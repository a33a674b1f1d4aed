package org.fitsync.client.local;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.sync.Value;

/**
 * Live records of one collection, optionally those whose {@code column} equals {@code value}, ordered by
 * id, at most {@code limit} of them after {@code afterId} (keyset paging).
 */
public record RecordQuery(
        String collection, Optional<String> column, Optional<Value> value, Optional<String> afterId, int limit) {

    public RecordQuery {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(afterId, "afterId");
        if (column.isPresent() != value.isPresent()) {
            throw new IllegalArgumentException("a column needs a value and a value a column");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    public static RecordQuery all(String collection, int limit) {
        return new RecordQuery(collection, Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public static RecordQuery where(String collection, String column, Value value, int limit) {
        return new RecordQuery(collection, Optional.of(column), Optional.of(value), Optional.empty(), limit);
    }

    public RecordQuery after(String id) {
        return new RecordQuery(collection, column, value, Optional.of(id), limit);
    }
}

package org.fitsync.domain.sync;

import java.util.List;
import java.util.Map;

/**
 * A push's {@code changes} as the client sent them, before validation: per collection name, the
 * created and updated raw records (column name to value) and the deleted ids (raw values, since a
 * client may send anything there).
 */
public record RawChanges(Map<String, Section> collections) {

    public RawChanges {
        collections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(collections));
    }

    public record Section(List<Map<String, Value>> created, List<Map<String, Value>> updated, List<Value> deleted) {
        public Section {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            deleted = List.copyOf(deleted);
        }
    }
}

package org.fitsync.domain.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a raw pushed record into a {@link PushedRecord}: unknown columns, {@code _status} and
 * {@code _changed} are dropped, values of the wrong type become the column's fallback, and
 * {@code updated_at} is bounded by the {@link ClockPolicy}. Nothing here is an error; only the id,
 * checked before, can make a record invalid.
 */
public final class RecordSanitizer {

    private RecordSanitizer() {}

    public static PushedRecord sanitise(Collection collection, RecordId id, Map<String, Value> raw, ClockPolicy clock) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Column column : collection.columns()) {
            Value value = raw.get(column.name());
            if (value != null && !column.readOnly()) {
                fields.put(column.name(), column.sanitise(value));
            }
        }
        Optional<Long> createdAt = epochMillis(raw.get("created_at"));
        Optional<Long> updatedAt = epochMillis(raw.get("updated_at"));
        boolean serverTimed = !updatedAt.isPresent() || clock.needsClamp(updatedAt.get());
        long effective = serverTimed ? clock.nowMs() : updatedAt.get();
        return new PushedRecord(id, fields, createdAt, effective, serverTimed);
    }

    private static Optional<Long> epochMillis(Value value) {
        if (value instanceof Value.Num n && n.isSafeInteger() && n.value() >= 0) {
            return Optional.of((long) n.value());
        }
        return Optional.empty();
    }
}

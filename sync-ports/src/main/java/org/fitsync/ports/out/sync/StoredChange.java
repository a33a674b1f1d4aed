package org.fitsync.ports.out.sync;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.ports.in.sync.PulledRecord;

/**
 * One change as a pull delivers it: a live record, or (when {@code record} is empty) a tombstone,
 * which carries only its id: nothing else of a deleted record is served again.
 */
public record StoredChange(String collection, RecordId id, ChangePosition position, Optional<PulledRecord> record) {

    public StoredChange {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(record, "record");
        if (record.isPresent() && !record.get().id().equals(id)) {
            throw new IllegalArgumentException("record " + record.get().id() + " is not " + id);
        }
    }

    public static StoredChange live(String collection, ChangePosition position, PulledRecord record) {
        return new StoredChange(collection, record.id(), position, Optional.of(record));
    }

    public static StoredChange tombstone(String collection, RecordId id, ChangePosition position) {
        return new StoredChange(collection, id, position, Optional.empty());
    }

    public boolean deleted() {
        return record.isEmpty();
    }
}

package org.fitsync.domain.sync;

import java.util.Objects;

/** A record as stored: its last state, whether it is a tombstone, and its change position. */
public record StoredRecord(SyncRecord record, boolean deleted, ChangePosition position) {

    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(position, "position");
    }

    public RecordId id() {
        return record.id();
    }

    /** Whether this record changed at or after {@code cursor}, i.e. a client at that cursor has not seen it. */
    public boolean changedSince(ChangePosition cursor) {
        return !position.isBefore(cursor);
    }
}

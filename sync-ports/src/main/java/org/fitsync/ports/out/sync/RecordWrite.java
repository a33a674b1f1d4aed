package org.fitsync.ports.out.sync;

import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;

/** One row a push writes, stamped with the push's version and the row's sequence in it. */
public sealed interface RecordWrite {

    RecordId id();

    ChangePosition position();

    /**
     * Insert or replace the live record. {@code existing}: the store held a row for this id (live or
     * tombstone) when the push loaded it; the push holds the user's write lock, so it still does, and
     * a store can insert or update without probing for a conflict first.
     */
    record Upsert(SyncRecord record, ChangePosition position, boolean existing) implements RecordWrite {
        @Override
        public RecordId id() {
            return record.id();
        }
    }

    /** Turn the record into a tombstone deleted at {@code deletedAtMs}. */
    record Tombstone(RecordId id, ChangePosition position, long deletedAtMs) implements RecordWrite {}

    /** Keep the record (live or tombstone) as it is but move it to {@code position}, so every client pulls it again. */
    record Restamp(RecordId id, ChangePosition position) implements RecordWrite {}
}

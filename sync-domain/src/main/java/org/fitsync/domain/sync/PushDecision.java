package org.fitsync.domain.sync;

import java.util.Objects;
import java.util.Optional;

/** What one pushed record (or deleted id) does to the stored record. */
public sealed interface PushDecision {

    /** Store {@code record} (insert or replace). {@code conflict} is set when it replaced an unseen change. */
    record Store(SyncRecord record, Optional<ConflictWinner> conflict) implements PushDecision {
        public Store {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /**
     * The stored record stays and differs from the push. {@code restamp} when the pusher's cursor is
     * already past it: re-stamped, it reaches every client, the loser included, on its next pull.
     */
    record KeepStored(RecordId id, boolean restamp) implements PushDecision {}

    /** Nothing to write: the push matches what is stored (e.g. a retried push). */
    record Unchanged(RecordId id) implements PushDecision {}

    /**
     * Refused: an update to a record deleted on the server, or any write to a record the server
     * computes ({@link ServerRecordIds}); the stored row, when {@code restamp}, is re-stamped as for
     * {@link KeepStored}.
     */
    record Rejected(RecordId id, boolean restamp) implements PushDecision {}

    /** Turn the live record into a tombstone. */
    record Delete(RecordId id) implements PushDecision {}

    /** A delete of a missing or already deleted record: nothing to do. */
    record IgnoreDelete(RecordId id) implements PushDecision {}
}

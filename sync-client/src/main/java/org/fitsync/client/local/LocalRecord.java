package org.fitsync.client.local;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/**
 * One record of a synced collection as the local store keeps it: its column values (declared columns
 * only; {@code id}, {@code created_at} and {@code updated_at} are fields of their own) and what the outbox
 * knows about it.
 *
 * @param changedColumns the columns changed locally since the record was last synced (WatermelonDB's
 *     {@code _changed}); a pull keeps the local value of these and takes the server's for the rest
 * @param localVersion a store-wide counter bumped by every local write, so a push acknowledges only the
 *     version it sent and a write made while the push was in flight stays pending
 * @param pullMark the pull that last wrote the record, so a replacement pull can sweep what it did not send
 * @param attempts transient failures of pushes that carried this change
 */
public record LocalRecord(
        String collection,
        RecordId id,
        Map<String, Value> values,
        long createdAt,
        long updatedAt,
        RecordState state,
        Set<String> changedColumns,
        long localVersion,
        long pullMark,
        int attempts,
        Optional<ItemFailure> failure) {

    public LocalRecord {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        values = Map.copyOf(values);
        Objects.requireNonNull(state, "state");
        changedColumns = Set.copyOf(changedColumns);
        Objects.requireNonNull(failure, "failure");
    }

    public Value value(String column) {
        return values.getOrDefault(column, Value.NULL);
    }

    /** A local change the outbox will send on the next sync. */
    public boolean isPending() {
        return state.hasLocalChange() && !failure.isPresent();
    }

    public boolean isFailed() {
        return failure.isPresent();
    }

    public boolean isDeleted() {
        return state == RecordState.DELETED;
    }

    public LocalRecord withOutbox(
            RecordState newState, Set<String> changed, int newAttempts, Optional<ItemFailure> newFailure) {
        return new LocalRecord(
                collection,
                id,
                values,
                createdAt,
                updatedAt,
                newState,
                changed,
                localVersion,
                pullMark,
                newAttempts,
                newFailure);
    }

    public LocalRecord withAttempts(int newAttempts, Optional<ItemFailure> newFailure) {
        return withOutbox(state, changedColumns, newAttempts, newFailure);
    }
}

package org.fitsync.domain.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how a pushed record meets the stored one, per docs/api.md's push rules: create-existing
 * updates, update-missing creates, deletes win, and the collection's strategy settles the rest.
 *
 * @param lastPulledAt the push's {@code last_pulled_at}; empty means the client never pulled, so
 *                     every stored record is a change it has not seen
 * @param now          server time in epoch ms, for records created without {@code created_at}
 */
public record ConflictResolver(Collection collection, Optional<ChangePosition> lastPulledAt, long now) {

    public PushDecision upsert(Optional<StoredRecord> stored, PushedRecord pushed) {
        if (ServerRecordIds.isReserved(pushed.id())) {
            return refusedServerRecord(stored, pushed.id());
        }
        if (!stored.isPresent()) {
            return new PushDecision.Store(fresh(pushed), Optional.empty());
        }
        StoredRecord current = stored.get();
        if (current.deleted()) {
            return new PushDecision.Rejected(pushed.id(), !unseen(current));
        }
        SyncRecord mine = current.record();
        SyncRecord theirs = over(mine, pushed);
        ConflictStrategy strategy = collection.strategy();
        if (theirs.sameContent(mine)) {
            // Same content: a retried push or a copy of the stored record. Only a last-write-wins
            // register advances its clock, so that it stays a register whatever the arrival order.
            boolean advances = strategy instanceof ConflictStrategy.LastWriteWins
                    && !pushed.serverTimed()
                    && theirs.updatedAt() > mine.updatedAt();
            return advances
                    ? new PushDecision.Store(theirs, Optional.empty())
                    : new PushDecision.Unchanged(pushed.id());
        }
        boolean unseen = unseen(current);
        Optional<ConflictWinner> clientOverUnseen = unseen ? Optional.of(ConflictWinner.CLIENT) : Optional.empty();
        if (strategy instanceof ConflictStrategy.LastWriteWins) {
            return theirs.updatedAt() > mine.updatedAt()
                    ? new PushDecision.Store(theirs, clientOverUnseen)
                    : new PushDecision.KeepStored(pushed.id(), !unseen);
        }
        if (strategy instanceof ConflictStrategy.ServerWins) {
            return unseen
                    ? new PushDecision.KeepStored(pushed.id(), false)
                    : new PushDecision.Store(theirs, Optional.empty());
        }
        if (strategy instanceof ConflictStrategy.ClientWins) {
            return new PushDecision.Store(theirs, clientOverUnseen);
        }
        SyncRecord merged = ((ConflictStrategy.Merge) strategy).rule().merge(mine, theirs);
        if (merged.equals(mine)) {
            return new PushDecision.KeepStored(pushed.id(), !unseen);
        }
        return new PushDecision.Store(merged, unseen ? Optional.of(ConflictWinner.CLIENT) : Optional.empty());
    }

    /**
     * Whether the pusher has not seen the stored state: it changed at or after the push's cursor
     * (or the client never pulled), so the client's next pull delivers it anyway.
     */
    private boolean unseen(StoredRecord stored) {
        return lastPulledAt.map(stored::changedSince).orElse(true);
    }

    public PushDecision delete(Optional<StoredRecord> stored, RecordId id) {
        if (ServerRecordIds.isReserved(id)) {
            return refusedServerRecord(stored, id);
        }
        if (!stored.isPresent() || stored.get().deleted()) {
            return new PushDecision.IgnoreDelete(id);
        }
        return new PushDecision.Delete(id);
    }

    /**
     * A server-computed record is the server's alone: the push is refused (experimentalRejectedIds)
     * and the stored record, if any, re-stamped so that the pusher's next pull puts the server's
     * state back in place of its local edit.
     */
    private static PushDecision refusedServerRecord(Optional<StoredRecord> stored, RecordId id) {
        return new PushDecision.Rejected(id, stored.isPresent());
    }

    private SyncRecord fresh(PushedRecord pushed) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Column column : collection.columns()) {
            Value sent = pushed.sentFields().get(column.name());
            fields.put(column.name(), sent == null || column.readOnly() ? column.fallback() : sent);
        }
        return new SyncRecord(pushed.id(), fields, pushed.createdAt().orElse(now), pushed.updatedAt());
    }

    /** The pushed record laid over the stored one: columns it did not send, and read-only ones, stay. */
    private SyncRecord over(SyncRecord stored, PushedRecord pushed) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Column column : collection.columns()) {
            Value sent = pushed.sentFields().get(column.name());
            fields.put(column.name(), sent == null || column.readOnly() ? stored.field(column.name()) : sent);
        }
        return new SyncRecord(stored.id(), fields, stored.createdAt(), pushed.updatedAt());
    }
}

package org.fitsync.domain.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of {@link ConflictResolver} applied to an in-memory store, one push per call and one
 * version per push, the way the sync service applies them to PostgreSQL.
 */
final class InMemoryPushes {

    final Map<RecordId, StoredRecord> state = new HashMap<>();
    private final Collection collection;
    private final long now;
    private long version;

    InMemoryPushes(Collection collection, long now) {
        this.collection = collection;
        this.now = now;
    }

    /** An edit ({@code record} present) or a delete of {@code id}. */
    record Change(RecordId id, Optional<PushedRecord> record) {}

    long cursor() {
        return version;
    }

    void push(List<Change> changes, Optional<ChangePosition> lastPulledAt) {
        version++;
        int seq = 0;
        ConflictResolver resolver = new ConflictResolver(collection, lastPulledAt, now);
        Map<RecordId, ChangePosition> written = new HashMap<>();
        for (Change change : changes) {
            Optional<StoredRecord> stored = Optional.ofNullable(state.get(change.id()));
            PushDecision decision = change.record().isPresent()
                    ? resolver.upsert(stored, change.record().get())
                    : resolver.delete(stored, change.id());
            ChangePosition position =
                    written.containsKey(change.id()) ? written.get(change.id()) : new ChangePosition(version, seq);
            boolean moved = true;
            if (decision instanceof PushDecision.Store store) {
                state.put(change.id(), new StoredRecord(store.record(), false, position));
            } else if (decision instanceof PushDecision.Delete) {
                state.put(change.id(), new StoredRecord(stored.get().record(), true, position));
            } else if ((decision instanceof PushDecision.KeepStored keep && keep.restamp())
                    || (decision instanceof PushDecision.Rejected reject && reject.restamp())) {
                StoredRecord before = stored.get();
                state.put(
                        change.id(),
                        new StoredRecord(
                                before.record(),
                                before.deleted(),
                                written.containsKey(change.id()) ? before.position() : position));
            } else {
                moved = false;
            }
            if (moved && !written.containsKey(change.id())) {
                written.put(change.id(), position);
                seq++;
            }
        }
    }

    /** The state as clients see it: each id's record or tombstone, without positions. */
    Map<RecordId, Object> visible() {
        Map<RecordId, Object> view = new HashMap<>();
        state.forEach((id, stored) -> view.put(id, stored.deleted() ? "deleted" : stored.record()));
        return view;
    }
}

package org.fitsync.application.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.ServerRecordsPort;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * The store of one collection the server computes on: reads come from the feature's table through
 * {@link ServerRecordsPort}; a push's writes go through the feature's own rules ({@link #apply}).
 * Its tombstones are the feature's soft-deleted rows and are never purged (the feature keeps them,
 * e.g. runs for their idempotency), so the purge horizon, and with it the replacement strategy,
 * is decided by the generic store alone; a replacement pull still lists these collections whole.
 */
public abstract class ServerComputedStore implements SyncRecordStore {

    private final ServerRecordsPort records;

    protected ServerComputedStore(ServerRecordsPort records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    /** Applies one write of a push; the write's position carries the push's version. */
    protected abstract void apply(UserId user, Collection collection, RecordWrite write);

    @Override
    public final Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        return records.load(user, collection, ids);
    }

    @Override
    public final void write(UserId user, Collection collection, List<RecordWrite> writes) {
        for (RecordWrite write : writes) {
            if (write instanceof RecordWrite.Restamp restamp) {
                records.restamp(user, restamp.id(), restamp.position().version());
            } else {
                apply(user, collection, write);
            }
        }
    }

    @Override
    public final void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        for (Collection collection : scope.collections()) {
            records.streamChanges(user, collection, scope, sink);
        }
    }

    @Override
    public final List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        List<StoredChange> page = new ArrayList<>();
        for (Collection collection : scope.collections()) {
            page.addAll(records.changesPage(user, collection, scope, limit));
        }
        page.sort(java.util.Comparator.comparing(StoredChange::position));
        return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
    }

    @Override
    public final OptionalLong purgeTombstones(UserId user, Instant cutoff) {
        return OptionalLong.empty();
    }

    /** The stored state of one record, for stores that apply a push as a difference. */
    protected final java.util.Optional<StoredRecord> stored(UserId user, Collection collection, RecordId id) {
        return java.util.Optional.ofNullable(
                records.load(user, collection, Set.of(id)).get(id));
    }
}

package org.fitsync.adapter.postgres.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;

/** A store that forwards to the real one; tests override a method to inject waits or failures. */
class ForwardingStore implements SyncRecordStore {

    private final SyncRecordStore delegate;

    ForwardingStore(SyncRecordStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        return delegate.load(user, collection, ids);
    }

    @Override
    public void write(UserId user, Collection collection, List<RecordWrite> writes) {
        delegate.write(user, collection, writes);
    }

    @Override
    public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        delegate.streamChanges(user, scope, sink);
    }

    @Override
    public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        return delegate.changesPage(user, scope, limit);
    }

    @Override
    public OptionalLong purgeTombstones(UserId user, Instant cutoff) {
        return delegate.purgeTombstones(user, cutoff);
    }
}

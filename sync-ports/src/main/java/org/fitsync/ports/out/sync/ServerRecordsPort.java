package org.fitsync.ports.out.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;

/**
 * The sync view of a collection the server computes on and keeps in its own table (runs, daily
 * entries): its rows as sync records with their change positions. Writes go through the owning
 * feature's ports; this port only reads, and moves a row to a new version (a restamp). Every method
 * runs inside the transaction the sync service opened. Same contracts as {@link SyncRecordStore}.
 */
public interface ServerRecordsPort {

    /** The stored state (live or tombstone) of those ids that exist. */
    Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids);

    void streamChanges(UserId user, Collection collection, ChangeScope scope, Consumer<StoredChange> sink);

    List<StoredChange> changesPage(UserId user, Collection collection, ChangeScope scope, int limit);

    /** Stamps the row (live or tombstone) with {@code version} so that every client pulls it again. */
    void restamp(UserId user, RecordId id, long version);
}

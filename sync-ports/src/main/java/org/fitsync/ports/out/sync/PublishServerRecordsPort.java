package org.fitsync.ports.out.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;

/**
 * Records the server computes and keeps among a generic collection's records, under reserved ids
 * ({@link org.fitsync.domain.sync.ServerRecordIds}). Runs inside a transaction that claimed
 * {@code version} (so holds the user's write lock); each row written takes a sequence number of its
 * own within that version, from the same counter the server's tables use, so it never shares a
 * position with a row a push writes in the same version.
 */
public interface PublishServerRecordsPort {

    /** The stored state (live or tombstone) of those ids that exist. */
    Map<RecordId, StoredRecord> loadServerRecords(UserId user, Collection collection, Set<RecordId> ids);

    /** Inserts or replaces {@code records} and turns the live records {@code gone} into tombstones. */
    void publishServerRecords(
            UserId user, Collection collection, List<SyncRecord> records, List<RecordId> gone, long version);
}

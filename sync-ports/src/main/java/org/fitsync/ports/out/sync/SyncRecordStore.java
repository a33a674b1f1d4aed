package org.fitsync.ports.out.sync;

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
import org.fitsync.domain.sync.SyncRecord;

/**
 * Where the records of some collections live. The generic JSONB storage implements it for every
 * collection by default; a collection the server computes on (runs, daily entries) plugs in its own
 * table by implementing it too, stamping its rows with the positions it is given. Every method runs
 * inside the transaction the sync service opened (TransactionPort).
 */
public interface SyncRecordStore {

    /** The stored state (live or tombstone) of those ids that exist. */
    Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids);

    /** Applies a push's writes for one collection; each write carries its change position. */
    void write(UserId user, Collection collection, List<RecordWrite> writes);

    /**
     * Streams the changes in {@code scope}, grouped by collection (in the scope's order) and, within
     * a collection, live records before tombstones. Must not hold them all in memory.
     */
    void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink);

    /** At most {@code limit} changes in {@code scope} (migration parts ignored), in position order. */
    List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit);

    /**
     * Whether a push may store {@code record} (a create when {@code exists} is false). A store that
     * refuses it leaves it unwritten and the push reports its id in {@code experimentalRejectedIds}:
     * e.g. runs are created only through the runs API, and a daily entry's values have bounds.
     */
    default boolean accepts(Collection collection, SyncRecord record, boolean exists) {
        return true;
    }

    /** Deletes tombstones deleted before {@code cutoff}; returns the highest version purged, if any. */
    OptionalLong purgeTombstones(UserId user, Instant cutoff);
}

package org.fitsync.client.local;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.sync.RecordId;

/**
 * What the sync client reads and writes inside one local transaction. Plain storage: every decision
 * (merging a pulled record with a local change, what an acknowledged push clears) is the client core's,
 * so an Android store on Room implements the same small surface as the JVM's SQLite one.
 */
public interface LocalTransaction {

    Optional<LocalRecord> find(String collection, RecordId id);

    /** Inserts or replaces the record of that collection and id. */
    void save(LocalRecord record);

    /** Forgets the record entirely (a tombstone that was pushed, or a record deleted on the server). */
    void remove(String collection, RecordId id);

    /**
     * Live (not locally deleted) records matching the query. Numbers compare as numbers; querying for
     * {@code Value.NULL} matches a column that is null or absent.
     */
    List<LocalRecord> query(RecordQuery query);

    /** Records with a local change and no failure, oldest change first. */
    List<LocalRecord> pendingRecords(int limit);

    List<LocalRecord> failedRecords(int limit);

    /** After a replacement pull: removes every {@link RecordState#SYNCED} record whose pull mark is not {@code mark}. */
    int removeSyncedOutside(long mark);

    /** The next value of the store-wide local write counter. */
    long nextLocalVersion();

    StoreMeta meta();

    void saveMeta(StoreMeta meta);

    /** Queues {@code op}, replacing a waiting or failed op with the same key, behind everything queued. */
    void enqueue(OutboxOp op);

    /** Queued ops without a failure, in queue order. */
    List<QueuedOp> queuedOps(int limit);

    List<QueuedOp> failedOps(int limit);

    /**
     * Saves the attempts and failure of the queued op with the same sequence (an op's content never changes
     * once queued); does nothing if that op is no longer queued (sent, or replaced by a newer one).
     */
    void updateOp(QueuedOp op);

    void removeOp(long sequence);

    Optional<RunLifecycle> runLifecycle(UUID runId);

    void saveRunLifecycle(UUID runId, RunLifecycle lifecycle);

    /** Pending and failed items: records with a local change and queued ops. */
    OutboxCounts counts();

    /** Drops every queued op and every record with a local change; runs still waiting become failed. */
    void discardLocalChanges();
}

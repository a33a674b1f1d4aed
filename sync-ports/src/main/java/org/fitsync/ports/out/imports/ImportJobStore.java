package org.fitsync.ports.out.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportError;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;

/**
 * Import jobs as rows. All methods but {@link #claimNext} run inside the job's user transaction;
 * the worker's writes are conditional on still holding the lease, so a node that lost its lease
 * (or a job cancelled under it) changes nothing and learns to stop.
 */
public interface ImportJobStore {

    sealed interface Created permits Created.Queued, Created.AlreadyActive {
        record Queued(ImportJob job) implements Created {}

        record AlreadyActive(ImportId active) implements Created {}
    }

    Created create(ImportJob job);

    Optional<ImportJob> find(UserId user, ImportId id);

    List<ImportJob> list(UserId user, int limit);

    Optional<ImportJob> active(UserId user);

    /** Cancels the job if it is not finished; returns the job as it now is, or empty if it was already finished. */
    Optional<ImportJob> cancel(UserId user, ImportId id, Instant now);

    /**
     * Claims the oldest runnable job of any user (queued or parked and due, or running under an
     * expired lease) for {@code node}; crosses users, so it is not inside a user transaction.
     */
    Optional<ImportJob> claimNext(String node, Duration lease);

    /** Extends the lease; false if the job is no longer this node's running job (cancelled, or taken over). */
    boolean heartbeat(UserId user, ImportId id, String node, Duration lease);

    /**
     * Saves progress and extends the lease; false if the job is no longer this node's running job.
     * Clears the failed attempts only when the job moved on (more fetched, or a new checkpoint): the
     * save at the start of each attempt must not, or a provider that keeps failing is retried forever.
     */
    boolean checkpoint(ImportJob job, String node, Duration lease);

    boolean park(ImportJob job, String node, Instant resumeAt, boolean rateLimited);

    boolean complete(ImportJob job, String node, Instant now);

    boolean fail(ImportJob job, String node, ImportError error, Instant now);
}

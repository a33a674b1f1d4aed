package org.fitsync.ports.out.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.domain.account.ExportId;

/**
 * Account export jobs as rows. All methods but {@link #claimNext} and {@link #finishedBefore} run
 * inside the job's user transaction; a worker's writes are conditional on still holding the lease,
 * so a node that lost its lease (another node took the job over) changes nothing and learns to stop.
 */
public interface AccountExportStore {

    /** What asking for an export gave: a new job, or the one already queued or running. */
    sealed interface Created permits Created.Queued, Created.AlreadyActive {
        record Queued(AccountExport job) implements Created {}

        record AlreadyActive(AccountExport job) implements Created {}
    }

    Created create(AccountExport job);

    Optional<AccountExport> find(UserId user, ExportId id);

    /** Every export of the user, whatever its state: an erasure deletes their zips. */
    List<AccountExport> all(UserId user);

    /**
     * Claims the oldest queued job of any user, or a running one whose lease expired, for {@code node};
     * crosses users, so it is not inside a user transaction.
     */
    Optional<AccountExport> claimNext(String node, Duration lease);

    /** Extends the lease; false if the job is no longer this node's running job (taken over, or erased). */
    boolean heartbeat(AccountExport job, String node, Duration lease);

    /** Saves progress and extends the lease; false if the job is no longer this node's running job. */
    boolean progress(AccountExport job, String node, int runsDone, int runsTotal, Duration lease);

    boolean complete(AccountExport job, String node, int runsDone, long sizeBytes, Instant now);

    boolean fail(AccountExport job, String node, String error, Instant now);

    /** Exports of any user finished before {@code before}, oldest first; crosses users like the claim. */
    List<FinishedExport> finishedBefore(Instant before, int limit);

    /** Deletes the row; false if it was gone already. */
    boolean delete(UserId user, ExportId id);

    /** How many runs an export of the user will write (every live run, overlapping ones too). */
    int countRuns(UserId user);

    /** The key of a finished export, as the sweep sees it. */
    record FinishedExport(UserId user, ExportId id) {}
}

package org.fitsync.client.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a sync indicator or settings screen shows: state, how many changes wait and how many
 * failed, when a sync last completed, the last error, and the running sync's progress.
 */
public record SyncStatus(
        SyncState state,
        int pendingCount,
        int failedCount,
        Optional<Instant> lastSyncedAt,
        Optional<SyncError> lastError,
        SyncProgress progress) {

    public SyncStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(progress, "progress");
    }

    public static SyncStatus initial(int pending, int failed, Optional<Instant> lastSyncedAt) {
        return new SyncStatus(SyncState.IDLE, pending, failed, lastSyncedAt, Optional.empty(), SyncProgress.NONE);
    }

    public SyncStatus inState(SyncState next) {
        return new SyncStatus(
                next,
                pendingCount,
                failedCount,
                lastSyncedAt,
                lastError,
                next == SyncState.SYNCING ? progress : SyncProgress.NONE);
    }

    public SyncStatus withCounts(int pending, int failed) {
        return new SyncStatus(state, pending, failed, lastSyncedAt, lastError, progress);
    }

    public SyncStatus withProgress(SyncProgress next) {
        return new SyncStatus(state, pendingCount, failedCount, lastSyncedAt, lastError, next);
    }

    public SyncStatus failed(SyncState next, SyncError error) {
        return new SyncStatus(next, pendingCount, failedCount, lastSyncedAt, Optional.of(error), SyncProgress.NONE);
    }

    public SyncStatus completed(Instant at) {
        return new SyncStatus(
                SyncState.IDLE, pendingCount, failedCount, Optional.of(at), Optional.empty(), SyncProgress.NONE);
    }
}

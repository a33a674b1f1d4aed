package org.fitsync.application.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.SweepFilesPort;

/**
 * Removes uploads never completed within {@code unfinishedTtl} of their declaration: the row first
 * (only if it still waits for its bytes), then whatever bytes or partial upload exist. Any node may run
 * it at any time: the delete is guarded, so two sweeps or a late upload cannot remove a file that got
 * its bytes. A crash between the two steps leaves bytes without a row, which nothing reads.
 */
public final class UnfinishedUploadSweep {

    private static final int BATCH = 100;

    private final Duration unfinishedTtl;
    private final TransactionPort transactions;
    private final SweepFilesPort files;
    private final DeleteBlobPort blobs;
    private final Clock clock;

    public UnfinishedUploadSweep(
            Duration unfinishedTtl,
            TransactionPort transactions,
            SweepFilesPort files,
            DeleteBlobPort blobs,
            Clock clock) {
        this.unfinishedTtl = unfinishedTtl;
        this.transactions = transactions;
        this.files = files;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Removes up to one batch; answers how many files were removed. */
    public int sweepOnce() {
        Instant cutoff = clock.instant().minus(unfinishedTtl);
        List<BlobKey> stale = files.unfinishedBefore(cutoff, BATCH);
        int removed = 0;
        for (BlobKey key : stale) {
            if (transactions.inUserTransaction(key.user(), () -> files.deleteUnfinished(key, cutoff))) {
                try {
                    blobs.delete(key);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                removed++;
            }
        }
        return removed;
    }
}

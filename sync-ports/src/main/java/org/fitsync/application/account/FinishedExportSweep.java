package org.fitsync.application.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.account.AccountExportStore;
import org.fitsync.ports.out.files.DeleteBlobPort;

/**
 * Old exports expire: the zip of an export finished longer than the retention ago is deleted, then its
 * row. The bytes go first, so a crash in between leaves a row the next sweep finds again. Any node may
 * sweep: deleting what another node deleted already is harmless.
 */
public final class FinishedExportSweep {

    static final int BATCH = 100;

    private final Duration retention;
    private final TransactionPort transactions;
    private final AccountExportStore exports;
    private final DeleteBlobPort blobs;
    private final Clock clock;

    public FinishedExportSweep(
            Duration retention,
            TransactionPort transactions,
            AccountExportStore exports,
            DeleteBlobPort blobs,
            Clock clock) {
        this.retention = retention;
        this.transactions = transactions;
        this.exports = exports;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Removes one batch of expired exports; returns how many went. */
    public int sweepOnce() {
        List<AccountExportStore.FinishedExport> expired =
                exports.finishedBefore(clock.instant().minus(retention), BATCH);
        int removed = 0;
        for (AccountExportStore.FinishedExport export : expired) {
            try {
                blobs.delete(BlobKey.export(export.user(), export.id().value()));
            } catch (IOException e) {
                continue;
            }
            if (transactions.inUserTransaction(export.user(), () -> exports.delete(export.user(), export.id()))) {
                removed++;
            }
        }
        return removed;
    }

    /** The retention, for the log line that says what the sweep does. */
    public Duration retention() {
        return retention;
    }
}

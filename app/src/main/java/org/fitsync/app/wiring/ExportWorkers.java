package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fitsync.application.account.AccountExportRunner;
import org.fitsync.application.account.FinishedExportSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's account export threads (each claims a job, writes it, polls again, as
 * {@link ImportWorkers} do for imports), the heartbeats that keep their leases, and the periodic sweep
 * of expired exports, which any node may run: deleting what is gone already is harmless.
 */
final class ExportWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportWorkers.class);

    private final PollingThreads threads;
    private final ScheduledExecutorService heartbeats;
    private final ScheduledExecutorService sweeper;

    ExportWorkers(
            AccountExportRunner runner,
            int count,
            Duration poll,
            ScheduledExecutorService heartbeats,
            FinishedExportSweep sweep,
            Duration sweepEvery) {
        this.heartbeats = heartbeats;
        // The exception names no user: the job is marked failed, or its lease lets another node retry.
        this.threads =
                new PollingThreads("fitsync-export", count, poll, runner::runOnce, LOG, "Account export worker error");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fitsync-export-sweep");
            thread.setDaemon(true);
            return thread;
        });
        var unused = sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        int removed = sweep.sweepOnce();
                        if (removed > 0) {
                            LOG.info("Removed {} account exports older than {}", removed, sweep.retention());
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Sweeping old account exports failed; the next sweep tries again", e);
                    }
                },
                sweepEvery.toMillis(),
                sweepEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        threads.close();
        sweeper.shutdownNow();
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

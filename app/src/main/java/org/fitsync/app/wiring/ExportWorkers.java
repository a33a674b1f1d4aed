package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final AccountExportRunner runner;
    private final Duration poll;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeats;
    private final ScheduledExecutorService sweeper;
    private volatile boolean running = true;

    ExportWorkers(
            AccountExportRunner runner,
            int count,
            Duration poll,
            ScheduledExecutorService heartbeats,
            FinishedExportSweep sweep,
            Duration sweepEvery) {
        this.runner = runner;
        this.poll = poll;
        this.heartbeats = heartbeats;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, "fitsync-export-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
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

    private void work() {
        while (running) {
            boolean worked;
            try {
                worked = runner.runOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The exception names no user: the job is marked failed, or its lease lets another node retry.
                LOG.warn("Account export worker error", e);
                worked = false;
            }
            if (!worked) {
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sweeper.shutdownNow();
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

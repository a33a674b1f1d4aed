package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fitsync.application.files.FileProcessor;
import org.fitsync.application.files.UnfinishedUploadSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's file processing threads (each claims a file, processes it, polls again, as
 * {@link ImportWorkers} do for imports) and the periodic sweep of unfinished uploads, which any node
 * may run: its deletes are guarded.
 */
final class FileWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWorkers.class);

    private final PollingThreads threads;
    private final ScheduledExecutorService sweeper;

    FileWorkers(FileProcessor processor, int count, Duration poll, UnfinishedUploadSweep sweep, Duration sweepEvery) {
        // No file content or name in the log: the exception names the failure only.
        this.threads = new PollingThreads(
                "fitsync-files",
                count,
                poll,
                processor::runOnce,
                LOG,
                "File worker error; the file's lease lets another attempt process it");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fitsync-files-sweep");
            thread.setDaemon(true);
            return thread;
        });
        var unused = sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        int removed = sweep.sweepOnce();
                        if (removed > 0) {
                            LOG.info("Removed {} unfinished file uploads", removed);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Sweeping unfinished file uploads failed; the next sweep tries again", e);
                    }
                },
                sweepEvery.toMillis(),
                sweepEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        threads.close();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

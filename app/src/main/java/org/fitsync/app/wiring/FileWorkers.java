package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final FileProcessor processor;
    private final Duration poll;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService sweeper;
    private volatile boolean running = true;

    FileWorkers(FileProcessor processor, int count, Duration poll, UnfinishedUploadSweep sweep, Duration sweepEvery) {
        this.processor = processor;
        this.poll = poll;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, "fitsync-files-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
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

    private void work() {
        while (running) {
            boolean worked;
            try {
                worked = processor.runOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // No file content or name in the log: the exception names the failure only.
                LOG.warn("File worker error; the file's lease lets another attempt process it", e);
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
        sweeper.shutdownNow();
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.fitsync.application.imports.ImportRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's import worker threads: each claims a runnable job, runs it until it finishes or is
 * parked, and polls again. Parked jobs cost no thread; they are claimed again when due.
 */
final class ImportWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportWorkers.class);

    private final ImportRunner runner;
    private final Duration poll;
    private final ScheduledExecutorService heartbeats;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    ImportWorkers(ImportRunner runner, int count, Duration poll, ScheduledExecutorService heartbeats) {
        this.runner = runner;
        this.poll = poll;
        this.heartbeats = heartbeats;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, "fitsync-import-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
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
                LOG.warn("Import worker error; the job's lease lets another attempt resume it", e);
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
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

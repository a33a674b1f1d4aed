package org.fitsync.app.wiring;

import java.time.Duration;
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

    private final ScheduledExecutorService heartbeats;
    private final PollingThreads threads;

    ImportWorkers(ImportRunner runner, int count, Duration poll, ScheduledExecutorService heartbeats) {
        this.heartbeats = heartbeats;
        this.threads = new PollingThreads(
                "fitsync-import",
                count,
                poll,
                runner::runOnce,
                LOG,
                "Import worker error; the job's lease lets another attempt resume it");
    }

    @Override
    public void close() {
        threads.close();
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

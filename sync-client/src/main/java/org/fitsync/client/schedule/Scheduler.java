package org.fitsync.client.schedule;

import java.time.Duration;

/**
 * Runs the client's sync work: one task at a time, in submission order, off the app's UI thread.
 * Tests use a scheduler on a clock they move; the JVM adapter uses a single-thread executor.
 */
public interface Scheduler {

    void execute(Runnable task);

    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }
}

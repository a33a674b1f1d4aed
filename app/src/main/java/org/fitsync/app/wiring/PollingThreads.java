package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * A node's worker threads for one kind of leased work (imports, activity files, account exports): each
 * thread takes one piece of work at a time and, when there was none, waits {@code poll} before asking
 * again. A failure is logged and the thread goes on: the work's lease lets another attempt take it up.
 * Closing interrupts the threads and waits for each a little, so work in hand can stop cleanly.
 */
final class PollingThreads implements AutoCloseable {

    private static final long JOIN_MILLIS = 5000;

    private final BooleanSupplier runOnce;
    private final Duration poll;
    private final Logger log;
    private final String failure;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Starts {@code count} daemon threads named {@code name-0…}. {@code runOnce} answers whether it
     * found work; {@code failure} is the log message for an exception it throws (it must name no user
     * and hold no personal data: the exception is logged with it).
     */
    PollingThreads(String name, int count, Duration poll, BooleanSupplier runOnce, Logger log, String failure) {
        this.runOnce = runOnce;
        this.poll = poll;
        this.log = log;
        this.failure = failure;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void work() {
        while (running) {
            boolean worked;
            try {
                worked = runOnce.getAsBoolean();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn(failure, e);
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
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.fitsync.adapter.geocoding;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps requests at least {@code interval} apart across every thread of the node (Nominatim's usage
 * policy asks for at most one a second): a caller waits its turn before it sends.
 */
final class RequestSpacing {

    /** Waits; the test's replacement records the wait and moves its clock instead. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextAllowed;
    private boolean first = true;

    RequestSpacing(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static RequestSpacing of(Duration interval) {
        return new RequestSpacing(
                interval, System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Returns once this caller may send; its turn is taken (the next caller waits an interval more). */
    synchronized void awaitTurn() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (!first && now - nextAllowed < 0) {
            sleeper.sleep(nextAllowed - now);
            now = nextAllowed;
        }
        first = false;
        nextAllowed = now + intervalNanos;
    }
}

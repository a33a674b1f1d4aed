package org.fitsync.adapter.http.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fitsync.adapter.http.sse.EventStreamResponse;

/**
 * One open {@code GET /api/v1/sync/events} stream. It holds no thread while idle: announcements and
 * heartbeats schedule a short write on the response's writers, and at most one write per stream
 * runs at a time. What arrives meanwhile coalesces into one pending timestamp (the newest), and a
 * {@code changed} event follows the previous one by at least {@code minInterval}, so a burst of
 * writes becomes a few events that end with the latest timestamp. Events carry a timestamp only.
 */
final class SyncEventStream {

    private static final long NONE = Long.MIN_VALUE;

    private final EventStreamResponse response;
    private final long minIntervalNanos;
    /** The newest timestamp announced and not yet sent, or {@link #NONE}. */
    private final AtomicLong pending = new AtomicLong(NONE);
    /** True while a write is scheduled or running (or before the cursor went out): one at a time. */
    private final AtomicBoolean busy = new AtomicBoolean(true);

    private volatile boolean heartbeatDue;
    // Written only by the one write turn running (busy); read by announcers as a hint.
    private volatile long sent;
    private volatile long lastChangedAt;

    SyncEventStream(EventStreamResponse response, Duration minInterval) {
        this.response = response;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /**
     * Sends the {@code cursor} event on the caller's thread, then lets announcements through and
     * starts the heartbeat. Announcements that came before are held until then.
     */
    void start(long cursor, Duration heartbeat) {
        sent = cursor;
        lastChangedAt = System.nanoTime() - minIntervalNanos;
        try {
            response.write("event: cursor\ndata: {\"timestamp\":" + cursor + "}\n\n");
        } catch (IOException e) {
            response.end();
            return;
        }
        response.every(heartbeat, this::heartbeat);
        release();
    }

    /** The user's data changed: {@code timestamp} replaces any unsent, older one. */
    void changed(long timestamp) {
        pending.accumulateAndGet(timestamp, Math::max);
        schedule(0);
    }

    private void heartbeat() {
        heartbeatDue = true;
        schedule(0);
    }

    private void schedule(long delayNanos) {
        if (!response.isEnded() && busy.compareAndSet(false, true)) {
            response.schedule(this::flush, delayNanos);
        }
    }

    private void flush() {
        try {
            long wait = lastChangedAt + minIntervalNanos - System.nanoTime();
            long timestamp = pending.get();
            if (timestamp > sent && wait > 0 && !heartbeatDue) {
                response.schedule(this::flush, wait);
                return; // still busy: the delayed flush takes over
            }
            timestamp = pending.getAndSet(NONE);
            if (timestamp > sent && wait <= 0) {
                response.write("event: changed\ndata: {\"timestamp\":" + timestamp + "}\n\n");
                sent = timestamp;
                lastChangedAt = System.nanoTime();
                heartbeatDue = false;
            } else {
                if (timestamp > sent) {
                    pending.accumulateAndGet(timestamp, Math::max); // not yet due: keep it
                }
                if (heartbeatDue) {
                    heartbeatDue = false;
                    response.write(": ping\n\n");
                }
            }
        } catch (IOException | RuntimeException e) {
            response.end();
            return;
        }
        release();
    }

    /** Ends this write turn; if something arrived during it, takes another. */
    private void release() {
        busy.set(false);
        if (pending.get() > sent || heartbeatDue) {
            long wait = lastChangedAt + minIntervalNanos - System.nanoTime();
            schedule(heartbeatDue ? 0 : Math.max(0, wait));
        }
    }
}

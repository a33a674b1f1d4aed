package org.fitsync.adapter.http.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open {@code GET /api/v1/sync/events} stream. It holds no thread while idle: announcements and
 * heartbeats schedule a short write on the shared {@code writers}, and at most one write per stream
 * runs at a time. What arrives meanwhile coalesces into one pending timestamp (the newest), and a
 * {@code changed} event follows the previous one by at least {@code minInterval}, so a burst of
 * writes becomes a few events that end with the latest timestamp. Events carry a timestamp only.
 */
final class SyncEventStream {

    private static final long NONE = Long.MIN_VALUE;

    private final OutputStream out;
    private final ScheduledExecutorService writers;
    private final long minIntervalNanos;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The newest timestamp announced and not yet sent, or {@link #NONE}. */
    private final AtomicLong pending = new AtomicLong(NONE);
    /** True while a write is scheduled or running (or before the cursor went out): one at a time. */
    private final AtomicBoolean busy = new AtomicBoolean(true);

    private volatile boolean heartbeatDue;
    private volatile ScheduledFuture<?> heartbeats;
    // Written only by the one write turn running (busy); read by announcers as a hint.
    private volatile long sent;
    private volatile long lastChangedAt;

    SyncEventStream(OutputStream out, ScheduledExecutorService writers, Duration minInterval) {
        this.out = out;
        this.writers = writers;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Completes when the stream ended (the client went away, or the node is stopping). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * Sends the {@code cursor} event on the caller's thread, then lets announcements through and
     * starts the heartbeat. Announcements that came before are held until then.
     */
    void start(long cursor, Duration heartbeat) {
        sent = cursor;
        lastChangedAt = System.nanoTime() - minIntervalNanos;
        try {
            write("event: cursor\ndata: {\"timestamp\":" + cursor + "}\n\n");
        } catch (IOException e) {
            end();
            return;
        }
        long period = heartbeat.toMillis();
        try {
            heartbeats = writers.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            end(); // the node is stopping
            return;
        }
        if (ended.isDone()) {
            heartbeats.cancel(false);
        }
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

    @SuppressWarnings("FutureReturnValueIgnored") // flush handles its own failures
    private void schedule(long delayNanos) {
        if (!ended.isDone() && busy.compareAndSet(false, true)) {
            try {
                writers.schedule(this::flush, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                end(); // the node is stopping
            }
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // flush handles its own failures
    private void flush() {
        try {
            long wait = lastChangedAt + minIntervalNanos - System.nanoTime();
            long timestamp = pending.get();
            if (timestamp > sent && wait > 0 && !heartbeatDue) {
                writers.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
                return; // still busy: the delayed flush takes over
            }
            timestamp = pending.getAndSet(NONE);
            if (timestamp > sent && wait <= 0) {
                write("event: changed\ndata: {\"timestamp\":" + timestamp + "}\n\n");
                sent = timestamp;
                lastChangedAt = System.nanoTime();
                heartbeatDue = false;
            } else {
                if (timestamp > sent) {
                    pending.accumulateAndGet(timestamp, Math::max); // not yet due: keep it
                }
                if (heartbeatDue) {
                    heartbeatDue = false;
                    write(": ping\n\n");
                }
            }
        } catch (IOException | RuntimeException e) {
            end();
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

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends the stream; safe to call more than once and from any thread. */
    void end() {
        ScheduledFuture<?> beats = heartbeats;
        if (beats != null) {
            beats.cancel(false);
        }
        ended.complete(null);
    }
}

package org.fitsync.adapter.http.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One open Server-Sent Events response that holds no thread while idle: its writes run as short
 * tasks on a small pool of writers shared by all streams, and the request ends when {@link #ended()}
 * completes (Javalin's {@code ctx.future}). It ends when a write fails (the client went away), when
 * its owner ends it, or when the node stops; its timers stop with it.
 */
public final class EventStreamResponse {

    private final OutputStream out;
    private final ScheduledExecutorService writers;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();

    public EventStreamResponse(OutputStream out, ScheduledExecutorService writers) {
        this.out = out;
        this.writers = writers;
    }

    /** Completes when the stream ended. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    public boolean isEnded() {
        return ended.isDone();
    }

    /** Writes and flushes; callers write one at a time. */
    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Runs {@code task} on a writer after {@code delayNanos}; if the node is stopping, ends the stream instead. */
    @SuppressWarnings("FutureReturnValueIgnored") // the task handles its own failures
    public void schedule(Runnable task, long delayNanos) {
        try {
            writers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            end();
        }
    }

    /** Runs {@code task} on a writer every {@code period} until the stream ends. */
    public void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        keep(() -> writers.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS));
    }

    /** Ends the stream after {@code life}, whatever it is doing then. */
    public void endAfter(Duration life) {
        keep(() -> writers.schedule(this::end, life.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void keep(Supplier<ScheduledFuture<?>> timer) {
        try {
            timers.add(timer.get());
        } catch (RejectedExecutionException e) {
            end(); // the node is stopping
            return;
        }
        if (isEnded()) {
            cancelTimers(); // it ended while the timer was being set
        }
    }

    /** Ends the stream; safe to call more than once and from any thread. */
    public void end() {
        ended.complete(null);
        cancelTimers();
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> timer : timers) {
            timer.cancel(false);
        }
    }
}

package org.fitsync.adapter.http.sse;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The Server-Sent Events streams of one route: they share two writer threads, however many are open,
 * and all end when the node stops, so that its graceful stop does not wait on them.
 */
public final class AsyncEventStreams {

    private static final int WRITERS = 2;
    private static final int EVENT_BUFFER_BYTES = 1024;

    private final ScheduledExecutorService writers;
    private final Set<EventStreamResponse> open = ConcurrentHashMap.newKeySet();

    /** {@code name}: the writer threads' name, {@code fitsync-<name>-…}. */
    public AsyncEventStreams(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(WRITERS, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("fitsync-" + name + "-" + thread.getName());
            thread.setDaemon(true);
            return thread;
        });
        // Heartbeat timers of ended streams must not pile up in the queue.
        pool.setRemoveOnCancelPolicy(true);
        this.writers = pool;
    }

    /**
     * Answers {@code 200 text/event-stream} and returns the open stream. The handler then hands
     * {@link EventStreamResponse#ended()} to {@code ctx.future}, and the request thread is free.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the clean-up after the stream cannot fail
    public EventStreamResponse open(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        // Events are small and flushed one by one, and an open response keeps its output buffer:
        // Jetty's default (32 KB of direct memory per stream) would cost 320 MB at 10,000 streams.
        ctx.res().setBufferSize(EVENT_BUFFER_BYTES);
        EventStreamResponse stream = new EventStreamResponse(ctx.res().getOutputStream(), writers);
        open.add(stream);
        stream.ended().whenComplete((ignored, failure) -> open.remove(stream));
        return stream;
    }

    /** Ends every open stream and stops the writers. */
    public void endAll() {
        open.forEach(EventStreamResponse::end);
        writers.shutdown();
    }
}

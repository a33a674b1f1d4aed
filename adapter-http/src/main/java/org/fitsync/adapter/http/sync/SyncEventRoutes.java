package org.fitsync.adapter.http.sync;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.admission.RequestClass;
import org.fitsync.ports.in.sync.WatchSyncChangesQuery;
import org.fitsync.ports.in.sync.WatchSyncChangesUseCase;

/**
 * {@code GET /api/v1/sync/events} (docs/api.md, "Change events"): Server-Sent Events telling a device
 * when its user's data changed on any node, so that it pulls then. Served asynchronously: the
 * request thread returns once the {@code cursor} event is out, and an idle stream holds no thread.
 * Its OpenAPI description is in the sync fragment ({@code openapi/sync.json}).
 */
public final class SyncEventRoutes implements RouteModule {

    static final String PATH = "/api/v1/sync/events";
    /** A {@code changed} event follows the previous one by at least this, so bursts coalesce. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(50);

    private final WatchSyncChangesUseCase watch;
    private final Duration heartbeat;
    private final ScheduledExecutorService writers;
    private final Set<SyncEventStream> open = ConcurrentHashMap.newKeySet();

    /** {@code heartbeat}: how often an idle stream gets a {@code : ping} comment. */
    public SyncEventRoutes(WatchSyncChangesUseCase watch, Duration heartbeat) {
        this.watch = watch;
        this.heartbeat = heartbeat;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("fitsync-sync-events-" + thread.getName());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.writers = pool;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::open);
    }

    @Override
    public Map<String, RequestClass> getClasses() {
        return Map.of(PATH, RequestClass.EVENTS);
    }

    /** Ends every open stream, so that the server's graceful stop does not wait on them. */
    @Override
    public void stopping() {
        open.forEach(SyncEventStream::end);
        writers.shutdown();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the clean-up after the stream cannot fail
    private void open(Context ctx) throws IOException {
        WatchSyncChangesQuery query =
                new WatchSyncChangesQuery(Authentication.caller(ctx).user());
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        SyncEventStream stream = new SyncEventStream(ctx.res().getOutputStream(), writers, MIN_INTERVAL);
        WatchSyncChangesUseCase.SyncWatch watching = watch.watch(query, stream::changed);
        open.add(stream);
        stream.ended().whenComplete((ignored, failure) -> {
            open.remove(stream);
            watching.close();
        });
        stream.start(watching.cursor(), heartbeat);
        // The request ends when the stream does; until then no thread waits on it.
        ctx.future(stream::ended);
    }
}

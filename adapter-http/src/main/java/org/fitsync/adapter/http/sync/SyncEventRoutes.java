package org.fitsync.adapter.http.sync;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.admission.RequestClass;
import org.fitsync.adapter.http.sse.AsyncEventStreams;
import org.fitsync.adapter.http.sse.EventStreamResponse;
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
    private final AsyncEventStreams streams = new AsyncEventStreams("sync-events");

    /** {@code heartbeat}: how often an idle stream gets a {@code : ping} comment. */
    public SyncEventRoutes(WatchSyncChangesUseCase watch, Duration heartbeat) {
        this.watch = watch;
        this.heartbeat = heartbeat;
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
        streams.endAll();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the clean-up after the stream cannot fail
    private void open(Context ctx) throws IOException {
        WatchSyncChangesQuery query =
                new WatchSyncChangesQuery(Authentication.caller(ctx).user());
        EventStreamResponse response = streams.open(ctx);
        SyncEventStream stream = new SyncEventStream(response, MIN_INTERVAL);
        WatchSyncChangesUseCase.SyncWatch watching;
        try {
            watching = watch.watch(query, stream::changed);
        } catch (RuntimeException e) {
            response.end(); // not opened after all: the failure is answered instead (503 when the database is busy)
            throw e;
        }
        response.ended().whenComplete((ignored, failure) -> watching.close());
        stream.start(watching.cursor(), heartbeat);
        // The request ends when the stream does; until then no thread waits on it.
        ctx.future(response::ended);
    }
}

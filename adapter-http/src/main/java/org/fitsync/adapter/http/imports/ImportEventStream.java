package org.fitsync.adapter.http.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.ports.in.imports.GetImportQuery;
import org.fitsync.ports.in.imports.GetImportUseCase;
import org.fitsync.ports.in.imports.WatchImportQuery;
import org.fitsync.ports.in.imports.WatchImportUseCase;

/**
 * {@code GET /api/v1/imports/{id}/events}: Server-Sent Events. The current state at once, then a
 * {@code progress} event whenever the import changed on any node, heartbeat comments in between,
 * and the stream ends after the event that shows a terminal state. Each wake-up re-reads the
 * import, so a missed notification is only a heartbeat late, never lost.
 */
final class ImportEventStream {

    private static final Duration MAX_STREAM = Duration.ofHours(2);

    private final GetImportUseCase get;
    private final WatchImportUseCase watch;
    private final ObjectMapper json;
    private final Duration heartbeat;

    ImportEventStream(GetImportUseCase get, WatchImportUseCase watch, ObjectMapper json, Duration heartbeat) {
        this.get = get;
        this.watch = watch;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    void stream(Context ctx, UserId user, ImportId id) throws IOException {
        Semaphore changed = new Semaphore(0);
        Optional<WatchImportUseCase.Watch> subscription = watch.watch(new WatchImportQuery(user, id), changed::release);
        if (subscription.isEmpty()) {
            throw ImportRoutes.notFound();
        }
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            long deadline = System.nanoTime() + MAX_STREAM.toNanos();
            String last = null;
            while (System.nanoTime() < deadline) {
                Optional<ImportJob> job = get.get(new GetImportQuery(user, id));
                if (job.isEmpty()) {
                    return;
                }
                String data = json.writeValueAsString(ImportResource.of(job.get()));
                if (!data.equals(last)) {
                    write(out, "event: progress\ndata: " + data + "\n\n");
                    last = data;
                }
                if (job.get().state().isTerminal()) {
                    return;
                }
                if (!changed.tryAcquire(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                    write(out, ": heartbeat\n\n");
                }
                changed.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away: nothing to tell it.
        } finally {
            subscription.get().close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package org.fitsync.adapter.http.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fitsync.adapter.http.sse.EventStreamResponse;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.ports.in.imports.GetImportQuery;
import org.fitsync.ports.in.imports.GetImportUseCase;

/**
 * One open {@code GET /api/v1/imports/{id}/events} stream. It holds no thread while idle: a change
 * notification or a heartbeat wakes it, and a short turn on the response's writers re-reads the
 * import and sends a {@code progress} event if it changed, so a missed notification is only a
 * heartbeat late, never lost. One turn runs at a time; wake-ups during a turn coalesce into one more.
 * The stream ends after the event that shows a terminal state, or when the import is gone.
 */
final class ImportEventStream {

    private final GetImportUseCase get;
    private final GetImportQuery query;
    private final ObjectMapper json;
    /** True while a turn is scheduled or running (or before the first event went out): one at a time. */
    private final AtomicBoolean busy = new AtomicBoolean(true);

    private volatile EventStreamResponse response;
    private volatile boolean changeDue;
    private volatile boolean heartbeatDue;
    // Written only by the one turn running (busy).
    private String lastSent;

    ImportEventStream(GetImportUseCase get, GetImportQuery query, ObjectMapper json) {
        this.get = get;
        this.query = query;
        this.json = json;
    }

    /**
     * Sends {@code current} on the caller's thread, then lets wake-ups through (those that came
     * before are held until then), starts the heartbeat and ends the stream after {@code maxLife}.
     */
    void start(EventStreamResponse opened, ImportJob current, Duration heartbeat, Duration maxLife) {
        this.response = opened;
        send(current);
        if (opened.isEnded()) {
            return;
        }
        response.every(heartbeat, this::heartbeat);
        response.endAfter(maxLife);
        release();
    }

    /** The import changed on some node. */
    void changed() {
        changeDue = true;
        schedule();
    }

    private void heartbeat() {
        heartbeatDue = true;
        schedule();
    }

    private void schedule() {
        // busy is true until start, so response is set whenever the compareAndSet succeeds.
        if (busy.compareAndSet(false, true) && !response.isEnded()) {
            response.schedule(this::turn, 0);
        }
    }

    private void turn() {
        if (response.isEnded()) {
            return; // it reached its maximum life or the node is stopping
        }
        if (heartbeatDue) {
            heartbeatDue = false;
            try {
                response.write(": heartbeat\n\n");
            } catch (IOException | RuntimeException e) {
                response.end();
                return;
            }
        }
        changeDue = false;
        Optional<ImportJob> job;
        try {
            job = get.get(query);
        } catch (RuntimeException e) {
            response.end(); // the import could not be read (database busy): the client reconnects
            return;
        }
        if (job.isEmpty()) {
            response.end();
            return;
        }
        send(job.get());
        release();
    }

    /** Sends the import if it differs from what was sent last; ends the stream after a terminal state. */
    private void send(ImportJob job) {
        try {
            String data = json.writeValueAsString(ImportResource.of(job));
            if (!data.equals(lastSent)) {
                response.write("event: progress\ndata: " + data + "\n\n");
                lastSent = data;
            }
        } catch (IOException | RuntimeException e) {
            response.end(); // the client went away
            return;
        }
        if (job.state().isTerminal()) {
            response.end();
        }
    }

    /** Ends this turn; if a wake-up came during it, takes another. */
    private void release() {
        busy.set(false);
        if (changeDue || heartbeatDue) {
            schedule();
        }
    }
}

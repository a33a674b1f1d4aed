package org.fitsync.app.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a Server-Sent Events response on its own thread, keeping every line and every event. */
public final class SseReader implements AutoCloseable {

    public record Event(String name, String data) {}

    private final HttpResponse<InputStream> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean finished;

    public SseReader(HttpResponse<InputStream> response) {
        this.response = response;
        this.thread = new Thread(this::read, "sse-reader");
        thread.setDaemon(true);
    }

    /** Starts reading; until then the response is left unread. */
    public SseReader start() {
        thread.start();
        return this;
    }

    private void read() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String name = "message";
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, line.substring(6)));
                    name = "message";
                }
            }
        } catch (IOException e) {
            // The stream was closed by the test.
        } finally {
            finished = true;
        }
    }

    /** True once the server ended the stream (or the test closed it). */
    public boolean isFinished() {
        return finished;
    }

    public List<String> lines() {
        return lines;
    }

    public List<Event> events() {
        return events;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}

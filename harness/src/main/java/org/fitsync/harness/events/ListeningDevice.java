package org.fitsync.harness.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Device B: listens to {@code GET /api/v1/sync/events} on its node and, as docs/api.md tells a
 * client, pulls when a {@code changed} event's timestamp is above the cursor of its last pull.
 */
final class ListeningDevice implements AutoCloseable {

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI base;
    private final String token;
    private final Thread reader;
    private volatile Stream<String> lines;
    private long cursor;
    private long highestAnnounced = -1;
    private long announcedAt;
    private boolean ended;

    ListeningDevice(HttpClient http, ObjectMapper json, URI nodeBase, String token) {
        this.http = http;
        this.json = json;
        this.base = nodeBase;
        this.token = token;
        this.reader = new Thread(this::listen, "device-b-events");
        this.reader.setDaemon(true);
    }

    /** Pulls everything once (its cursor), opens its stream and waits for the {@code cursor} event. */
    void start(Duration timeout) throws IOException, InterruptedException {
        cursor = pull(0).path("timestamp").asLong();
        reader.start();
        awaitAnnouncedAbove(-1, System.nanoTime() + timeout.toNanos(), "the cursor event");
    }

    private void listen() {
        try {
            HttpResponse<Stream<String>> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/sync/events"))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            lines = response.body();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("device B's stream: HTTP " + response.statusCode());
            }
            Iterator<String> it = response.body().iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    long timestamp =
                            json.readTree(line.substring(5)).path("timestamp").asLong();
                    synchronized (this) {
                        if (timestamp > highestAnnounced) {
                            highestAnnounced = timestamp;
                            announcedAt = System.nanoTime();
                        }
                        notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Reported below as the stream's end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits for a {@code changed} event above its cursor, pulls, and repeats until the pull has record
     * {@code id} of {@code collection}. Returns when ({@link System#nanoTime()}) the event that led to
     * that pull arrived.
     */
    long awaitRecord(String collection, String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long eventAt = awaitAnnouncedAbove(cursor, deadline, "a changed event with " + id);
            JsonNode pulled = pull(cursor);
            cursor = pulled.path("timestamp").asLong();
            JsonNode changes = pulled.path("changes").path(collection);
            if (contains(changes.path("updated"), id) || contains(changes.path("created"), id)) {
                return eventAt;
            }
        }
    }

    /** Waits for an announcement above {@code floor}; returns when the newest announcement arrived. */
    private synchronized long awaitAnnouncedAbove(long floor, long deadline, String what) throws InterruptedException {
        while (highestAnnounced <= floor) {
            if (ended) {
                throw new IllegalStateException("device B's event stream ended while waiting for " + what);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("device B waited in vain for " + what);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return announcedAt;
    }

    private static boolean contains(JsonNode records, String id) {
        for (JsonNode record : records) {
            if (id.equals(record.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode pull(long since) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/sync?last_pulled_at=" + since))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("device B's pull: HTTP " + response.statusCode()));
        }
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        Stream<String> stream = lines;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }
}

package org.fitsync.harness.files;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A user's change events ({@code GET /api/v1/sync/events}): the server's signal that something of the
 * user's data was committed, here the run made of an uploaded file. Waiting on it instead of polling
 * the file every few milliseconds keeps the benchmark's clients from loading the server they measure.
 */
final class ChangeSignal implements AutoCloseable {

    private final Thread reader;
    private final Stream<String> body;
    private final Object lock = new Object();
    private long changes;
    private boolean open = true;

    /** Opens the stream and returns once the server sent its first event (the cursor): it is then listening. */
    ChangeSignal(HttpClient http, int port, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v1/sync/events answered " + response.statusCode());
        }
        body = response.body();
        Iterator<String> lines = body.iterator();
        while (lines.hasNext() && !lines.next().startsWith("event: cursor")) {
            // up to the first event
        }
        reader = new Thread(
                () -> {
                    try {
                        while (lines.hasNext()) {
                            if (lines.next().startsWith("event: changed")) {
                                synchronized (lock) {
                                    changes++;
                                    lock.notifyAll();
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        // the stream closed: waiters fall back to their timeout
                    }
                },
                "change-signal");
        reader.setDaemon(true);
        reader.start();
    }

    /** How many {@code changed} events arrived so far. */
    long count() {
        synchronized (lock) {
            return changes;
        }
    }

    /** Waits until more than {@code seen} events arrived, or {@code limit} passed. */
    void awaitBeyond(long seen, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (open && changes <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            open = false;
            lock.notifyAll();
        }
        body.close();
    }
}

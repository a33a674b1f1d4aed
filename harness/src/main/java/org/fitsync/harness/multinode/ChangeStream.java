package org.fitsync.harness.multinode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A device listening to {@code GET /api/v1/sync/events} on one node directly (not through the balancer, so
 * each node's {@code LISTEN} is proven on its own). It reconnects when the stream ends, as a client should, and
 * counts that; it keeps the highest {@code changed} timestamp seen.
 */
final class ChangeStream implements AutoCloseable {

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI events;
    private final String token;
    private final Thread reader;
    private volatile boolean open = true;
    private volatile Stream<String> current;
    private long highestChanged;
    private int changedEvents;
    private int connects;

    ChangeStream(HttpClient http, ObjectMapper json, URI nodeBase, String token, String name) {
        this.http = http;
        this.json = json;
        this.events = nodeBase.resolve("/api/v1/sync/events");
        this.token = token;
        this.reader = new Thread(this::readForever, "events-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void readForever() {
        while (open) {
            try {
                HttpResponse<Stream<String>> response = http.send(
                        HttpRequest.newBuilder(events)
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    response.body().close();
                    Thread.sleep(200);
                    continue;
                }
                synchronized (this) {
                    connects++;
                    current = response.body();
                    notifyAll();
                }
                String event = "";
                Iterator<String> lines = response.body().iterator();
                while (open && lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event.equals("changed")) {
                        long timestamp = json.readTree(line.substring(5))
                                .path("timestamp")
                                .asLong();
                        synchronized (this) {
                            changedEvents++;
                            highestChanged = Math.max(highestChanged, timestamp);
                            notifyAll();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the stream is connected (at least {@code times} connections so far). */
    synchronized void awaitConnected(int times, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (connects < times) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("the change stream at " + events + " did not connect");
            }
            wait(left);
        }
    }

    /** Waits for a {@code changed} event at or above {@code timestamp}; returns whether one came in time. */
    synchronized boolean awaitChanged(long timestamp, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (highestChanged < timestamp) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized int connects() {
        return connects;
    }

    synchronized int changedEvents() {
        return changedEvents;
    }

    @Override
    public void close() {
        open = false;
        Stream<String> stream = current;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }
}

package org.fitsync.app.overload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.TestServer;

/**
 * A user whose phone keeps working while others sync: pushes a workout, pulls from its cursor and
 * ingests steps, in turn, recording what each request answered and how long it took.
 */
final class OtherUser {

    /** One request as this user saw it. */
    record Call(String operation, int status, Duration took) {}

    private final TestServer server;
    private final String user;
    private final String token;
    private final List<Call> calls = new ArrayList<>();
    private long cursor;
    private int step;

    OtherUser(TestServer server, String user) {
        this.server = server;
        this.user = user;
        this.token = server.token(user);
    }

    /** The first sync of an empty account, before the measurement. */
    void firstSync() {
        TestServer.Response pulled = server.get("/api/v1/sync?last_pulled_at=0", token);
        if (pulled.status() != 200) {
            throw new IllegalStateException("first sync failed: " + pulled);
        }
        cursor = pulled.json().path("timestamp").asLong();
    }

    /** Push, pull and ingest in turn until {@code until} (System.nanoTime). */
    List<Call> workUntil(long until) {
        while (System.nanoTime() < until) {
            switch (step++ % 3) {
                case 0 -> push();
                case 1 -> pull();
                default -> ingest();
            }
        }
        return calls;
    }

    private void push() {
        String id = "o-" + user + "-" + step;
        Map<String, Object> record = Map.of("id", id, "name", "Intervals " + step, "updated_at", 1795158000000L);
        Map<String, Object> body = Map.of(
                "changes",
                Map.of("workouts", Map.of("created", List.of(record), "updated", List.of(), "deleted", List.of())),
                "last_pulled_at",
                cursor);
        timed("push", () -> server.post("/api/v1/sync", token, body));
    }

    private void pull() {
        TestServer.Response pulled = timed("pull", () -> server.get("/api/v1/sync?last_pulled_at=" + cursor, token));
        if (pulled.status() == 200) {
            cursor = pulled.json().path("timestamp").asLong();
        }
    }

    private void ingest() {
        Map<String, Object> body =
                Map.of("source", "healthkit", "items", List.of(Map.of("date", "2026-11-20", "steps", 1000 + step)));
        timed("ingest", () -> server.post("/api/v1/ingest/steps", token, body));
    }

    private TestServer.Response timed(String operation, java.util.function.Supplier<TestServer.Response> request) {
        long started = System.nanoTime();
        TestServer.Response response = request.get();
        calls.add(new Call(operation, response.status(), Duration.ofNanos(System.nanoTime() - started)));
        return response;
    }
}

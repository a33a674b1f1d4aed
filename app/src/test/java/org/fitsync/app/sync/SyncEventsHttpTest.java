package org.fitsync.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.app.testing.SseReader;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/sync/events} end to end, on one node and across two nodes on one database. */
class SyncEventsHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestServer server;
    private static TestServer other;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("FITSYNC_EVENTS_HEARTBEAT", "300ms"));
        other = TestServer.start(server.database(), Map.of("FITSYNC_EVENTS_HEARTBEAT", "300ms"));
    }

    @AfterAll
    static void stop() {
        other.close();
        server.close();
    }

    @Test
    void theCursorEventComesFirstWithTheTimestampAPullReturns() throws Exception {
        String token = server.token(user());
        push(server, token, "w1", "Leg day");
        long pulled = server.get("/api/v1/sync?last_pulled_at=null", token)
                .json()
                .path("timestamp")
                .asLong();
        try (SseReader stream = open(server, token).start()) {
            await().atMost(WAIT).until(() -> !stream.events().isEmpty());
            SseReader.Event first = stream.events().get(0);
            assertThat(first.name()).isEqualTo("cursor");
            assertThat(timestamp(first)).isEqualTo(pulled);
        }
    }

    @Test
    void aPushOnTheSameNodeIsAnnounced() throws Exception {
        String token = server.token(user());
        try (SseReader stream = open(server, token).start()) {
            awaitCursor(stream);
            long pushed = push(server, token, "w1", "Leg day");
            await().atMost(WAIT).until(() -> lastChanged(stream) >= pushed);
        }
    }

    @Test
    void aPushOnAnotherNodeIsAnnounced() throws Exception {
        String token = server.token(user());
        try (SseReader stream = open(other, token).start()) {
            awaitCursor(stream);
            // The other node listens from its start; each attempt is a new change it must announce.
            await().atMost(WAIT).untilAsserted(() -> {
                long pushed = push(server, token, "w-" + UUID.randomUUID(), "Run");
                await().atMost(Duration.ofSeconds(1)).until(() -> lastChanged(stream) >= pushed);
            });
        }
    }

    @Test
    void aBurstOfPushesCoalescesAndEndsWithTheLatestTimestamp() throws Exception {
        String token = server.token(user());
        SseReader stream = open(server, token);
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = push(server, token, "w" + i, "Set " + i);
        }
        long latest = last;
        try (stream) {
            stream.start(); // read only now: the server wrote while the reader did not read
            await().atMost(WAIT).until(() -> lastChanged(stream) == latest);
            List<SseReader.Event> changed = stream.events().stream()
                    .filter(e -> e.name().equals("changed"))
                    .toList();
            // How many events a burst becomes depends on timing; that a slow stream coalesces is
            // SyncEventStreamTest's, without timing. Here: never more than the pushes, in order, once each.
            assertThat(changed.size()).isLessThanOrEqualTo(50);
            assertThat(changed.stream().map(SyncEventsHttpTest::timestamp).toList())
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aUserNeverHearsOfAnotherUsersChanges() throws Exception {
        String alice = server.token(user());
        String bob = server.token(user());
        for (int i = 0; i < 5; i++) {
            push(server, alice, "a" + i, "Alice's");
        }
        try (SseReader bobs = open(server, bob).start();
                SseReader bobsOnTheOtherNode = open(other, bob).start()) {
            awaitCursor(bobs);
            awaitCursor(bobsOnTheOtherNode);
            for (int i = 0; i < 3; i++) {
                push(server, alice, "a-more" + i, "Alice's");
            }
            long bobsPush = push(server, bob, "b1", "Bob's");
            // Notifications arrive in commit order: had Alice's leaked, they would come first.
            for (SseReader stream : List.of(bobs, bobsOnTheOtherNode)) {
                await().atMost(WAIT).until(() -> lastChanged(stream) >= bobsPush);
                assertThat(stream.events().stream()
                                .filter(e -> e.name().equals("changed"))
                                .map(SyncEventsHttpTest::timestamp)
                                .toList())
                        .containsExactly(bobsPush);
            }
        }
    }

    @Test
    void eventsCarryTimestampsAndHeartbeatsOnlyNeverRecordData() throws Exception {
        String token = server.token(user());
        try (SseReader stream = open(server, token).start()) {
            awaitCursor(stream);
            long pushed = push(server, token, "secret-id", "Secret squat notes");
            await().atMost(WAIT).until(() -> lastChanged(stream) >= pushed);
            await().atMost(WAIT).until(() -> stream.lines().contains(": ping"));
            assertThat(stream.lines())
                    .allSatisfy(line -> assertThat(line)
                            .matches("|: ping|event: (cursor|changed)|data: \\{\"timestamp\":[0-9]+\\}"));
            assertThat(String.join("\n", stream.lines())).doesNotContain("secret", "Secret", "squat");
        }
    }

    @Test
    void aStreamNeedsAToken() {
        TestServer.Response response = server.get("/api/v1/sync/events", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static String user() {
        return "events-" + UUID.randomUUID();
    }

    private static SseReader open(TestServer node, String token) throws Exception {
        HttpResponse<InputStream> response = node.client()
                .send(
                        node.request("/api/v1/sync/events", token)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new SseReader(response);
    }

    private static void awaitCursor(SseReader stream) {
        await().atMost(WAIT).until(() -> !stream.events().isEmpty());
        assertThat(stream.events().get(0).name()).isEqualTo("cursor");
    }

    private static long lastChanged(SseReader stream) {
        return stream.events().stream()
                .filter(e -> e.name().equals("changed"))
                .mapToLong(SyncEventsHttpTest::timestamp)
                .max()
                .orElse(-1);
    }

    private static long timestamp(SseReader.Event event) {
        try {
            JsonNode data = server.json().readTree(event.data());
            assertThat(data.size()).isEqualTo(1);
            return data.path("timestamp").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long push(TestServer node, String token, String id, String name) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("name", name);
        record.put("notes", name);
        Map<String, Object> body = new HashMap<>();
        body.put(
                "changes",
                Map.of("workouts", Map.of("created", List.of(record), "updated", List.of(), "deleted", List.of())));
        body.put("last_pulled_at", null);
        TestServer.Response response = node.post("/api/v1/sync", token, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("timestamp").asLong();
    }
}

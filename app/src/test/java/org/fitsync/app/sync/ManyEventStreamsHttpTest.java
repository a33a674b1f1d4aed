package org.fitsync.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.SseReader;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sync change event streams hold no thread and are admitted in a class of their own: on a node with
 * 16 HTTP threads, 60 devices keep a stream open, every other request
 * is still served, and a push reaches all 60.
 */
class ManyEventStreamsHttpTest {

    private static final int STREAMS = 60;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("FITSYNC_HTTP_THREADS", "16", "FITSYNC_EVENTS_HEARTBEAT", "1s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void moreStreamsThanThreadsStayOpenAndAllHearOfAPush() throws Exception {
        String token = server.token("many-streams");
        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                HttpResponse<InputStream> response = server.client()
                        .send(
                                server.request("/api/v1/sync/events", token)
                                        .header("Accept", "text/event-stream")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).as("stream " + i).isEqualTo(200);
                streams.add(new SseReader(response).start());
            }
            for (SseReader stream : streams) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !stream.events().isEmpty());
            }

            TestServer.Response read = server.get("/api/v1/runs", token);
            assertThat(read.status())
                    .as("a read beside %d open streams", STREAMS)
                    .isEqualTo(200);
            long timestamp = push(token);

            for (SseReader stream : streams) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> stream.events().stream()
                                .anyMatch(e ->
                                        e.name().equals("changed") && e.data().contains("\"timestamp\":" + timestamp)));
            }
        } finally {
            for (SseReader stream : streams) {
                stream.close();
            }
        }
    }

    private static long push(String token) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", "w-many");
        record.put("name", "Intervals");
        Map<String, Object> body = new HashMap<>();
        body.put(
                "changes",
                Map.of("workouts", Map.of("created", List.of(record), "updated", List.of(), "deleted", List.of())));
        body.put("last_pulled_at", null);
        TestServer.Response response = server.post("/api/v1/sync", token, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("timestamp").asLong();
    }
}

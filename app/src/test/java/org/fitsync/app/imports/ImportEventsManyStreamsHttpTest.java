package org.fitsync.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.app.testing.SseReader;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Import progress streams hold no thread while idle: on a node with 16 HTTP threads, 60 watchers
 * follow one queued import, every other request is still served, and all 60 hear its cancellation
 * and see their stream end.
 */
class ImportEventsManyStreamsHttpTest {

    private static final int STREAMS = 60;
    private static final long ATHLETE = 1;

    private FakeStrava strava;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (strava != null) {
            strava.close();
        }
    }

    @Test
    void moreStreamsThanThreadsStayOpenAndAllSeeTheTerminalEvent() throws Exception {
        strava = FakeStrava.start(FakeStravaConfig.generous());
        strava.addActivities(ATHLETE, FakeStrava.history(5_000_000_000L, 5, Instant.parse("2026-11-01T07:00:00Z"), 11));
        // No import workers: the import stays queued until it is cancelled.
        server = StravaFixture.start(
                PostgresTestDatabase.fresh(),
                strava,
                Map.of("FITSYNC_HTTP_THREADS", "16", "FITSYNC_IMPORT_WORKERS", "0"));
        String token = server.token("alice");
        assertThat(StravaFixture.connect(server, strava, token, ATHLETE, "activity:read")
                        .status())
                .isEqualTo(200);
        String id = StravaFixture.startImport(server, token);

        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                HttpResponse<InputStream> response = server.client()
                        .send(
                                server.request("/api/v1/imports/" + id + "/events", token)
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
                assertThat(state(stream.events().get(0))).isEqualTo("queued");
            }

            TestServer.Response read = server.get("/api/v1/imports/" + id, token);
            assertThat(read.status())
                    .as("a read beside %d open streams", STREAMS)
                    .isEqualTo(200);
            assertThat(server.post("/api/v1/imports/" + id + "/cancel", token, "")
                            .status())
                    .isEqualTo(202);

            for (SseReader stream : streams) {
                await().atMost(Duration.ofSeconds(30)).until(stream::isFinished);
                List<SseReader.Event> events = stream.events();
                assertThat(events.get(events.size() - 1).name()).isEqualTo("progress");
                assertThat(state(events.get(events.size() - 1))).isEqualTo("cancelled");
            }
        } finally {
            for (SseReader stream : streams) {
                stream.close();
            }
        }
    }

    private String state(SseReader.Event event) throws Exception {
        JsonNode data = server.json().readTree(event.data());
        return data.path("state").asText();
    }
}

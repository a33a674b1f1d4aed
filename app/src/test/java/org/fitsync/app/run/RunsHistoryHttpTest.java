package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.app.run.RunBodies.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/runs: order, date filters, overlapping runs, keyset pages and their cursors. */
class RunsHistoryHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void newestFirstWithDateFiltersOnStartedAt() {
        String token = server.token("history-dates");
        for (int day = 0; day < 5; day++) {
            assertThat(server.post("/api/v1/runs", token, run(day * 1440, 30, "phone"))
                            .status())
                    .isEqualTo(201);
        }
        List<String> starts = startedAt(server.get("/api/v1/runs", token).json());
        assertThat(starts)
                .containsExactly(
                        "2026-11-24T07:00:00Z",
                        "2026-11-23T07:00:00Z",
                        "2026-11-22T07:00:00Z",
                        "2026-11-21T07:00:00Z",
                        "2026-11-20T07:00:00Z");

        // [from, to): a run starting exactly at `to` is out, one starting exactly at `from` is in.
        JsonNode filtered = server.get("/api/v1/runs?from=2026-11-21T07:00:00Z&to=2026-11-23T07:00:00Z", token)
                .json();
        assertThat(startedAt(filtered)).containsExactly("2026-11-22T07:00:00Z", "2026-11-21T07:00:00Z");
        assertThat(startedAt(server.get("/api/v1/runs?from=2026-11-23T00:00:00Z", token)
                        .json()))
                .hasSize(2);
        assertThat(startedAt(server.get("/api/v1/runs?to=2026-11-20T07:00:00.000001Z", token)
                        .json()))
                .hasSize(1);
    }

    @Test
    void overlappingRunsOnlyWhenAskedFor() {
        String token = server.token("history-overlapping");
        server.post("/api/v1/runs", token, run(0, 60, "phone"));
        server.post("/api/v1/runs", token, run(30, 60, "phone"));
        assertThat(server.get("/api/v1/runs", token).json().path("items")).hasSize(1);
        assertThat(server.get("/api/v1/runs?include_overlapping=false", token)
                        .json()
                        .path("items"))
                .hasSize(1);
        JsonNode all = server.get("/api/v1/runs?include_overlapping=true", token)
                .json()
                .path("items");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).path("overlapping").asBoolean()).isTrue();
    }

    @Test
    void pagesFollowTheCursorAndEndWithNull() {
        String token = server.token("history-pages");
        for (int i = 0; i < 7; i++) {
            server.post("/api/v1/runs", token, run(i * 60, 30, "phone"));
        }
        JsonNode first = server.get("/api/v1/runs?limit=3", token).json();
        assertThat(first.path("items")).hasSize(3);
        String cursor = first.path("next_cursor").asText();
        JsonNode second =
                server.get("/api/v1/runs?limit=3&cursor=" + cursor, token).json();
        JsonNode third = server.get(
                        "/api/v1/runs?limit=3&cursor="
                                + second.path("next_cursor").asText(),
                        token)
                .json();
        assertThat(third.path("items")).hasSize(1);
        assertThat(third.path("next_cursor").isNull()).isTrue();
        List<String> all = new ArrayList<>(startedAt(first));
        all.addAll(startedAt(second));
        all.addAll(startedAt(third));
        assertThat(all).doesNotHaveDuplicates().hasSize(7).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(server.get("/api/v1/runs?limit=7", token)
                        .json()
                        .path("next_cursor")
                        .isNull())
                .isTrue();
    }

    @Test
    void runsStartingAtTheSameInstantAreOrderedByIdDescending() {
        String token = server.token("history-ties");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            server.post("/api/v1/runs", token, run(id, 0, 30, "phone"));
        }
        ids.sort((a, b) -> b.compareTo(a));
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = server.get(
                            "/api/v1/runs?include_overlapping=true&limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            token)
                    .json();
            page.path("items").forEach(run -> listed.add(run.path("id").asText()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void paginationIsGapFreeAndDuplicateFreeWhileRunsAreInserted() throws Exception {
        String token = server.token("history-concurrent");
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            existing.add(server.post("/api/v1/runs", token, run(i * 60, 30, "phone"))
                    .json()
                    .path("id")
                    .asText());
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // Inserted while the pages are read: half-hour runs in the gaps, before, between and after the pages.
            Future<?> inserts = writer.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    int start = i % 2 == 0 ? i * 60 + 30 : (70 + i) * 60;
                    server.post("/api/v1/runs", token, run(start, 30, "phone"));
                }
            });
            List<String> seen = new ArrayList<>();
            List<Instant> order = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = server.get("/api/v1/runs?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), token)
                        .json();
                page.path("items").forEach(run -> {
                    seen.add(run.path("id").asText());
                    order.add(Instant.parse(run.path("started_at").asText()));
                });
                cursor = page.path("next_cursor").isNull()
                        ? null
                        : page.path("next_cursor").asText();
            } while (cursor != null);
            inserts.get();

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsAll(existing);
            assertThat(order).isSortedAccordingTo((a, b) -> b.compareTo(a));
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aForgedGarbledOrForeignCursorIs400() {
        String token = server.token("history-cursor");
        for (int i = 0; i < 3; i++) {
            server.post("/api/v1/runs", token, run(i * 60, 30, "phone"));
        }
        String cursor = server.get("/api/v1/runs?limit=1", token)
                .json()
                .path("next_cursor")
                .asText();
        assertThat(server.get("/api/v1/runs?limit=1&cursor=" + cursor, token).status())
                .isEqualTo(200);

        char flipped = cursor.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 5) + flipped + cursor.substring(6);
        assertThat(server.get("/api/v1/runs?cursor=" + tampered, token).status())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/runs?cursor=not-a-cursor", token).status())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/runs?cursor=%25%25", token).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/runs?cursor=", token).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/runs?limit=1&include_overlapping=true&cursor=" + cursor, token)
                        .status())
                .as("a cursor is bound to its filters")
                .isEqualTo(400);
        assertThat(server.get("/api/v1/runs?limit=1&cursor=" + cursor, server.token("history-cursor-thief"))
                        .status())
                .as("and to its user")
                .isEqualTo(400);
        TestServer.Response problem = server.get("/api/v1/runs?cursor=" + tampered, token);
        assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void badParametersAre400() {
        String token = server.token("history-params");
        for (String query : List.of(
                "limit=0",
                "limit=201",
                "limit=ten",
                "limit=",
                "from=yesterday",
                "to=2026-13-01T00:00:00Z",
                "include_overlapping=yes",
                "from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z",
                "from=%2B999999999-12-31T23:59:59Z",
                "to=-999999999-01-01T00:00:00Z")) {
            TestServer.Response response = server.get("/api/v1/runs?" + query, token);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(server.get("/api/v1/runs?limit=200", token).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/runs?limit=1", token).status()).isEqualTo(200);
    }

    private static List<String> startedAt(JsonNode page) {
        List<String> starts = new ArrayList<>();
        page.path("items").forEach(run -> starts.add(run.path("started_at").asText()));
        return starts;
    }
}

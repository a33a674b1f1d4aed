package org.fitsync.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/me/export.zip against PostgreSQL: every run as JSON and GPX, days as JSON and CSV; the
 * GPX files, uploaded again as activity files by another user, give back the same runs.
 */
class AccountExportHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_DIR",
                Files.createTempDirectory("fitsync-export-blobs").toString(),
                "FITSYNC_FILES_POLL",
                "100ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExportHoldsEveryRunAndItsGpxReimportsAsTheSameRuns() throws Exception {
        String alice = server.token("export-alice-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(postRun(alice, Instant.parse("2026-10-0" + (i + 1) + "T06:30:00Z"), 120 + 30 * i));
        }
        TestServer.Response day =
                server.put("/api/v1/entries/2026-10-02", alice, Map.of("steps", 9000, "notes", "hills, then \"easy\""));
        assertThat(day.status()).isEqualTo(200);
        Map<String, Object> workout = new java.util.HashMap<>(
                Map.of("id", "w1", "name", "Leg day", "updated_at", 1795158000000L, "_status", "created"));
        workout.put("_changed", "");
        Map<String, Object> push = new java.util.HashMap<>();
        push.put(
                "changes",
                Map.of("workouts", Map.of("created", List.of(workout), "updated", List.of(), "deleted", List.of())));
        push.put("last_pulled_at", null);
        assertThat(server.post("/api/v1/sync", alice, push).status()).isEqualTo(200);

        Map<String, byte[]> zip = export(alice);

        for (String id : ids) {
            assertThat(zip).containsKeys("runs/" + id + ".json", "runs/" + id + ".gpx");
            JsonNode run = server.json().readTree(zip.get("runs/" + id + ".json"));
            assertThat(run.path("id").asText()).isEqualTo(id);
        }
        assertThat(zip.keySet().stream().filter(name -> name.startsWith("runs/")))
                .hasSize(6);
        String csv = new String(zip.get("days.csv"), StandardCharsets.UTF_8);
        assertThat(csv)
                .startsWith("date,steps,sleep_min,sleep_quality,notes\r\n")
                .contains("2026-10-02,9000,,,\"hills, then \"\"easy\"\"\"\r\n");
        assertThat(server.json().readTree(zip.get("days.json")).path("items")).hasSize(1);
        assertThat(server.json().readTree(zip.get("integrations.json")).path("items"))
                .isEmpty();
        assertThat(zip).containsKey("coach_links.json");
        JsonNode workouts = server.json().readTree(zip.get("sync/workouts.json"));
        assertThat(workouts).hasSize(1);
        assertThat(workouts.get(0).path("id").asText()).isEqualTo("w1");
        assertThat(workouts.get(0).path("name").asText()).isEqualTo("Leg day");
        assertThat(server.json().readTree(zip.get("sync/runs.json"))).hasSize(3);

        // Another user uploads the exported GPX files: the runs that come out match the originals.
        String bob = server.token("export-bob-" + UUID.randomUUID());
        assertThat(export(bob).keySet()).noneMatch(name -> name.startsWith("runs/"));
        for (String id : ids) {
            TestServer.Response uploaded =
                    server.send(server.request("/api/v1/files/direct?filename=" + id + ".gpx", bob)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(zip.get("runs/" + id + ".gpx")))
                            .header("Content-Type", "application/octet-stream")
                            .build());
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(runs(bob)).hasSize(3));
        Map<String, JsonNode> original = byStart(runs(alice));
        Map<String, JsonNode> reimported = byStart(runs(bob));
        assertThat(reimported.keySet()).isEqualTo(original.keySet());
        for (String start : original.keySet()) {
            JsonNode a = original.get(start);
            JsonNode b = reimported.get(start);
            assertThat(b.path("ended_at").asText()).isEqualTo(a.path("ended_at").asText());
            assertThat(b.path("point_count").asInt())
                    .isEqualTo(a.path("point_count").asInt());
            assertThat(b.path("polyline").asText()).isEqualTo(a.path("polyline").asText());
            assertThat(server.get("/api/v1/runs/" + b.path("id").asText() + "/track", bob)
                            .json()
                            .path("points"))
                    .isEqualTo(server.get("/api/v1/runs/" + a.path("id").asText() + "/track", alice)
                            .json()
                            .path("points"));
        }
    }

    private static Map<String, byte[]> export(String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = server.client()
                .send(
                        server.request("/api/v1/me/export.zip", token).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream zip =
                new ZipInputStream(new ByteArrayInputStream(response.body()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static List<JsonNode> runs(String token) {
        List<JsonNode> items = new ArrayList<>();
        server.get("/api/v1/runs?limit=200&include_overlapping=true", token)
                .json()
                .path("items")
                .forEach(items::add);
        return items;
    }

    private static Map<String, JsonNode> byStart(List<JsonNode> runs) {
        Map<String, JsonNode> map = new TreeMap<>();
        runs.forEach(run -> map.put(run.path("started_at").asText(), run));
        return map;
    }

    /** A run with a one-second track of {@code seconds} points; returns its id. */
    private static String postRun(String token, Instant start, int seconds) {
        List<List<Object>> track = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            track.add(
                    List.of(start.plusSeconds(i).toEpochMilli(), 52.5 + i * 0.00003, 13.4 + i * 0.00002, 35.0 + i % 7));
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("started_at", start.toString());
        run.put("ended_at", start.plusSeconds(seconds - 1).toString());
        run.put("duration_s", seconds - 1);
        run.put("distance_m", seconds * 3.0);
        run.put("source", "phone");
        run.put("track", track);
        TestServer.Response posted = server.post("/api/v1/runs", token, run);
        assertThat(posted.status()).as(posted.toString()).isIn(200, 201);
        return id;
    }
}

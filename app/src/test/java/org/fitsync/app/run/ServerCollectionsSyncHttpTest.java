package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs and daily entries in sync pulls and pushes, served from their own tables. */
class ServerCollectionsSyncHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> push(
            String collection, List<Map<String, Object>> updated, List<String> deleted, Object lastPulledAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("changes", Map.of(collection, Map.of("created", List.of(), "updated", updated, "deleted", deleted)));
        body.put("last_pulled_at", lastPulledAt);
        return body;
    }

    private static UUID submit(String token, int startMinute) {
        UUID id = UUID.randomUUID();
        TestServer.Response created = server.post("/api/v1/runs", token, RunBodies.run(id, startMinute, 30, "phone"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static JsonNode days(String token, String date) {
        TestServer.Response response = server.get("/api/v1/entries?from=" + date + "&to=" + date, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items");
    }

    private static JsonNode find(JsonNode records, String id) {
        for (JsonNode record : records) {
            if (record.path("id").asText().equals(id)) {
                return record;
            }
        }
        return null;
    }

    @Test
    void aSubmittedRunIsCreatedOnFirstSyncAndUpdatedAfterAnEdit() {
        String token = server.token("sync-runs-1");
        UUID id = submit(token, 0);
        JsonNode first = server.get("/api/v1/sync", token).json();
        JsonNode runs = first.path("changes").path("runs");
        JsonNode run = find(runs.path("created"), id.toString());
        assertThat(run).as(first.toString()).isNotNull();
        assertThat(run.path("started_at").asLong()).isEqualTo(RunBodies.DAY.toEpochMilli());
        assertThat(run.path("ended_at").asLong())
                .isEqualTo(RunBodies.DAY.plusSeconds(1800).toEpochMilli());
        assertThat(run.path("duration_s").asLong()).isEqualTo(1790);
        assertThat(run.path("distance_m").asDouble()).isEqualTo(4515.0);
        assertThat(run.path("source").asText()).isEqualTo("phone");
        assertThat(run.path("notes").asText()).isEqualTo("easy 30 min");
        assertThat(run.path("metadata").isTextual()).isTrue();
        assertThat(run.path("metadata").asText()).contains("Pixel 9");
        assertThat(run.path("point_count").asInt()).isEqualTo(600);
        assertThat(run.path("overlapping").asBoolean()).isFalse();
        assertThat(run.has("track")).isFalse();
        assertThat(run.path("polyline").asText()).isNotEmpty();
        long cursor = first.path("timestamp").asLong();

        assertThat(server.patch("/api/v1/runs/" + id, token, Map.of("notes", "felt great"))
                        .status())
                .isEqualTo(200);
        JsonNode next =
                server.get("/api/v1/sync?last_pulled_at=" + cursor, token).json();
        assertThat(next.path("changes").path("runs").path("created")).isEmpty();
        JsonNode updated = find(next.path("changes").path("runs").path("updated"), id.toString());
        assertThat(updated).as(next.toString()).isNotNull();
        assertThat(updated.path("notes").asText()).isEqualTo("felt great");
        long after = next.path("timestamp").asLong();
        assertThat(server.get("/api/v1/sync?last_pulled_at=" + after, token)
                        .json()
                        .path("changes")
                        .path("runs")
                        .path("updated"))
                .isEmpty();
    }

    @Test
    void aRunDeletedThroughTheApiIsInDeleted() {
        String token = server.token("sync-runs-2");
        UUID id = submit(token, 0);
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();
        assertThat(server.delete("/api/v1/runs/" + id, token).status()).isEqualTo(204);
        JsonNode runs = server.get("/api/v1/sync?last_pulled_at=" + cursor, token)
                .json()
                .path("changes")
                .path("runs");
        assertThat(runs.path("deleted")).extracting(JsonNode::asText).containsExactly(id.toString());
        assertThat(runs.path("updated")).isEmpty();
    }

    @Test
    void pushedNotesWinAndTheServersColumnsStay() {
        String token = server.token("sync-runs-3");
        UUID id = submit(token, 0);
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();
        Map<String, Object> change = new HashMap<>();
        change.put("id", id.toString());
        change.put("notes", "from the watch");
        change.put("metadata", "{\"shoes\":\"red\"}");
        change.put("distance_m", 1.0);
        change.put("point_count", 3);
        TestServer.Response pushed =
                server.post("/api/v1/sync", token, push("runs", List.of(change), List.of(), cursor));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(pushed.json().path("experimentalRejectedIds").path("runs")).isEmpty();

        JsonNode run = server.get("/api/v1/runs/" + id, token).json();
        assertThat(run.path("notes").asText()).isEqualTo("from the watch");
        assertThat(run.path("metadata").path("shoes").asText()).isEqualTo("red");
        assertThat(run.path("distance_m").asDouble()).isEqualTo(4515.0);
        assertThat(run.path("point_count").asInt()).isEqualTo(600);
    }

    @Test
    void unknownRunsAndUnstorableMetadataAreRejectedAndChangeNothing() {
        String token = server.token("sync-runs-4");
        UUID id = submit(token, 0);
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> badMetadata = Map.of("id", id.toString(), "metadata", "{not json");
        TestServer.Response pushed = server.post(
                "/api/v1/sync",
                token,
                push("runs", List.of(Map.of("id", unknown, "notes", "x"), badMetadata), List.of(), null));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(pushed.json().path("experimentalRejectedIds").path("runs"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(unknown, id.toString());
        assertThat(server.get("/api/v1/runs/" + unknown, token).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/runs/" + id, token)
                        .json()
                        .path("metadata")
                        .path("device")
                        .asText())
                .isEqualTo("Pixel 9");
    }

    @Test
    void aPushedDeleteDeletesTheRunAndFreesItsOverlaps() {
        String token = server.token("sync-runs-5");
        UUID kept = submit(token, 0);
        UUID other = UUID.randomUUID();
        assertThat(server.post("/api/v1/runs", token, RunBodies.run(other, 10, 30, "garmin"))
                        .status())
                .isEqualTo(201);
        assertThat(server.get("/api/v1/runs/" + kept, token)
                                .json()
                                .path("overlapping")
                                .asBoolean()
                        || server.get("/api/v1/runs/" + other, token)
                                .json()
                                .path("overlapping")
                                .asBoolean())
                .isTrue();
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();

        TestServer.Response pushed =
                server.post("/api/v1/sync", token, push("runs", List.of(), List.of(other.toString()), cursor));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(server.get("/api/v1/runs/" + other, token).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/runs/" + kept, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isFalse();
        JsonNode runs = server.get("/api/v1/sync?last_pulled_at=" + cursor, token)
                .json()
                .path("changes")
                .path("runs");
        assertThat(runs.path("deleted")).extracting(JsonNode::asText).containsExactly(other.toString());
    }

    @Test
    void dailyIngestsShowInPullsAndPushedValuesBecomeManual() {
        String token = server.token("sync-daily-1");
        server.post(
                "/api/v1/ingest/steps",
                token,
                Map.of("source", "healthkit", "items", List.of(Map.of("date", "2026-11-20", "steps", 8123))));
        JsonNode first = server.get("/api/v1/sync", token).json();
        JsonNode day = find(first.path("changes").path("daily_entries").path("created"), "2026-11-20");
        assertThat(day).as(first.toString()).isNotNull();
        assertThat(day.path("date").asText()).isEqualTo("2026-11-20");
        assertThat(day.path("steps").asInt()).isEqualTo(8123);
        assertThat(day.path("sleep_quality").isNull()).isTrue();
        long cursor = first.path("timestamp").asLong();

        TestServer.Response pushed = server.post(
                "/api/v1/sync",
                token,
                push(
                        "daily_entries",
                        List.of(Map.of("id", "2026-11-20", "steps", 9000, "notes", "hike")),
                        List.of(),
                        cursor));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        JsonNode entry = days(token, "2026-11-20").get(0);
        assertThat(entry.path("steps").asInt()).as(entry.toString()).isEqualTo(9000);
        assertThat(entry.path("manual_fields")).extracting(JsonNode::asText).containsExactly("steps", "notes");

        TestServer.Response ingest = server.post(
                "/api/v1/ingest/steps",
                token,
                Map.of("source", "healthkit", "items", List.of(Map.of("date", "2026-11-20", "steps", 8500))));
        assertThat(ingest.json().path("results").get(0).path("status").asText()).isEqualTo("kept_manual");
        long afterPush = pushed.json().path("timestamp").asLong();
        JsonNode later =
                server.get("/api/v1/sync?last_pulled_at=" + afterPush, token).json();
        JsonNode updated = find(later.path("changes").path("daily_entries").path("updated"), "2026-11-20");
        assertThat(updated).as(later.toString()).isNotNull();
        assertThat(updated.path("steps").asInt()).isEqualTo(9000);
    }

    @Test
    void pushedDailyEntriesOutOfBoundsAreRejectedAndDeletesAreTombstones() {
        String token = server.token("sync-daily-2");
        TestServer.Response pushed = server.post(
                "/api/v1/sync",
                token,
                push(
                        "daily_entries",
                        List.of(
                                Map.of("id", "2026-11-21", "steps", 1.5), Map.of("id", "not-a-date", "steps", 10),
                                Map.of("id", "2026-11-22", "steps", 300000),
                                        Map.of("id", "2026-11-23", "sleep_quality", 5)),
                        List.of(),
                        null));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(pushed.json().path("experimentalRejectedIds").path("daily_entries"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("2026-11-21", "not-a-date", "2026-11-22");
        assertThat(days(token, "2026-11-23").get(0).path("sleep_quality").asInt())
                .isEqualTo(5);
        assertThat(days(token, "2026-11-21")).isEmpty();
        long cursor = pushed.json().path("timestamp").asLong();

        server.post("/api/v1/sync", token, push("daily_entries", List.of(), List.of("2026-11-23"), cursor));
        assertThat(days(token, "2026-11-23")).isEmpty();
        JsonNode days = server.get("/api/v1/sync?last_pulled_at=" + cursor, token)
                .json()
                .path("changes")
                .path("daily_entries");
        assertThat(days.path("deleted")).extracting(JsonNode::asText).containsExactly("2026-11-23");
    }

    @Test
    void migrationAndReplacementPullsCoverRunsAndDays() {
        String token = server.token("sync-migration");
        UUID run = submit(token, 0);
        server.post(
                "/api/v1/sync",
                token,
                push(
                        "daily_entries",
                        List.of(
                                Map.of("id", "2026-11-01", "sleep_quality", 4),
                                Map.of("id", "2026-11-02", "steps", 10)),
                        List.of(),
                        null));
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();

        String migration = java.net.URLEncoder.encode(
                "{\"from\":1,\"tables\":[\"runs\"],\"columns\":"
                        + "[{\"table\":\"daily_entries\",\"columns\":[\"sleep_quality\"]}]}",
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode migrated = server.get(
                        "/api/v1/sync?last_pulled_at=" + cursor + "&schema_version=2&migration=" + migration, token)
                .json();
        JsonNode changes = migrated.path("changes");
        assertThat(find(changes.path("runs").path("updated"), run.toString()))
                .as(migrated.toString())
                .isNotNull();
        assertThat(changes.path("daily_entries").path("updated"))
                .extracting(r -> r.path("id").asText())
                .containsExactly("2026-11-01");

        // A cursor this database never issued gets the whole current data set as a replacement.
        assertThat(server.delete("/api/v1/runs/" + run, token).status()).isEqualTo(204);
        long foreign = ((cursor >>> 23) + 1000) << 23;
        JsonNode replaced =
                server.get("/api/v1/sync?last_pulled_at=" + foreign, token).json();
        assertThat(replaced.path("experimentalStrategy").asText()).isEqualTo("replacement");
        assertThat(replaced.path("changes").path("runs").path("updated")).isEmpty();
        assertThat(replaced.path("changes").path("runs").path("deleted")).isEmpty();
        assertThat(replaced.path("changes").path("daily_entries").path("updated"))
                .extracting(r -> r.path("id").asText())
                .containsExactlyInAnyOrder("2026-11-01", "2026-11-02");
    }

    @Test
    void smallPagesAcrossAllCollectionsReturnEveryRecordExactlyOnce() {
        String token = server.token("sync-paging");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add("runs/" + submit(token, i * 600)); // far apart: no overlaps
        }
        // Each overlaps the run before: its write also re-flags that one, two rows under one version.
        for (int i = 0; i < 3; i++) {
            expected.add("runs/" + submit(token, 5000 + i * 20));
        }
        List<Map<String, Object>> settings = new ArrayList<>();
        List<Map<String, Object>> days = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            settings.add(Map.of("id", "s" + i, "key", "k" + i));
            expected.add("settings/s" + i);
            days.add(Map.of("id", "2026-10-1" + i, "steps", 100 + i));
            expected.add("daily_entries/2026-10-1" + i);
        }
        // One push writes generic and daily rows under one version.
        Map<String, Object> body = new HashMap<>();
        body.put(
                "changes",
                Map.of(
                        "settings", Map.of("created", settings, "updated", List.of(), "deleted", List.of()),
                        "daily_entries", Map.of("created", days, "updated", List.of(), "deleted", List.of())));
        assertThat(server.post("/api/v1/sync", token, body).status()).isEqualTo(200);
        server.post(
                "/api/v1/ingest/steps",
                token,
                Map.of(
                        "source",
                        "garmin",
                        "items",
                        List.of(Map.of("date", "2026-09-01", "steps", 1), Map.of("date", "2026-09-02", "steps", 2))));
        expected.add("daily_entries/2026-09-01");
        expected.add("daily_entries/2026-09-02");
        // The runs' records, which the server publishes in personal_records, page like any record.
        server.get("/api/v1/sync", token)
                .json()
                .path("changes")
                .path("personal_records")
                .path("created")
                .forEach(r -> expected.add("personal_records/" + r.path("id").asText()));
        assertThat(expected).contains("personal_records/srv_longest_run");

        for (int limit : new int[] {1, 2, 3, 7}) {
            List<String> seen = new ArrayList<>();
            Object cursor = null;
            boolean more = true;
            int pages = 0;
            while (more) {
                JsonNode page = server.get(
                                "/api/v1/sync?limit=" + limit + (cursor == null ? "" : "&last_pulled_at=" + cursor),
                                token)
                        .json();
                page.path("changes").properties().forEach(collection -> {
                    for (String section : List.of("created", "updated")) {
                        collection
                                .getValue()
                                .path(section)
                                .forEach(r -> seen.add(
                                        collection.getKey() + "/" + r.path("id").asText()));
                    }
                });
                more = page.path("has_more").asBoolean();
                cursor = page.path("timestamp").asLong();
                assertThat(++pages).isLessThan(100);
            }
            assertThat(seen).as("limit " + limit).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}

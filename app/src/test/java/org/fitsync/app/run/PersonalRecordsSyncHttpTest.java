package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's records in the {@code personal_records} sync collection, against PostgreSQL: the
 * same as {@code GET /api/v1/records} after every run stored, deleted or superseded, pulled exactly
 * when they change, and out of reach of a client's pushes, which keep working for its own records.
 */
class PersonalRecordsSyncHttpTest {

    private static final Instant DAY = Instant.parse("2026-10-05T06:30:00Z");

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
    void aFirstSyncCarriesEveryRecordAsGetRecordsShowsIt() {
        String token = server.token("pr-sync-first");
        String steady = post(token, run(0, 30, 3.0, 0)); // 5.4 km
        String fast = post(token, run(24 * 60, 20, 4.0, 0)); // 4.8 km
        String hilly = post(token, run(48 * 60, 20, 2.5, 0.05)); // 3 km, 60 m up

        Map<String, JsonNode> synced = live(pull(token, null));
        JsonNode records = server.get("/api/v1/records", token).json();

        List<String> expected = new ArrayList<>();
        for (JsonNode effort : records.path("best_efforts")) {
            String id = "srv_best_effort_" + effort.path("distance").asText();
            expected.add(id);
            JsonNode record = synced.get(id);
            assertThat(record).as(id + " in " + synced.keySet()).isNotNull();
            assertThat(record.path("exercise").asText()).isEqualTo("running");
            assertThat(record.path("metric").asText())
                    .isEqualTo("best_effort_" + effort.path("distance").asText());
            assertThat(record.path("value").asDouble())
                    .isEqualTo(effort.path("time_s").asDouble());
            assertThat(record.path("workout_id").asText())
                    .isEqualTo(effort.path("run_id").asText());
            assertThat(record.path("achieved_at").asLong())
                    .isEqualTo(Instant.parse(effort.path("started_at").asText()).toEpochMilli());
        }
        assertThat(expected).contains("srv_best_effort_1k", "srv_best_effort_5k");
        assertThat(synced.get("srv_best_effort_1k").path("workout_id").asText()).isEqualTo(fast);
        assertThat(synced.get("srv_best_effort_5k").path("workout_id").asText()).isEqualTo(steady);

        JsonNode longest = synced.get("srv_longest_run");
        assertThat(longest.path("metric").asText()).isEqualTo("longest_run");
        assertThat(longest.path("workout_id").asText()).isEqualTo(steady);
        assertThat(longest.path("value").asDouble()).isEqualTo(5400);
        assertThat(longest.path("achieved_at").asLong()).isEqualTo(DAY.toEpochMilli());
        JsonNode climb = synced.get("srv_biggest_climb");
        assertThat(climb.path("workout_id").asText()).isEqualTo(hilly);
        assertThat(climb.path("value").asDouble())
                .isEqualTo(
                        records.path("biggest_climb").path("elevation_gain_m").asDouble());
        assertThat(climb.path("value").asDouble()).isCloseTo(60, within(1.0));

        expected.add("srv_longest_run");
        expected.add("srv_biggest_climb");
        assertThat(synced.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRecordIsPulledAgainExactlyWhenItChanges() {
        String token = server.token("pr-sync-changes");
        String slower = post(token, run(0, 10, 3.0, 0)); // 1.8 km: 400 m, 1 km, 1 mile
        String faster = post(token, run(24 * 60, 10, 4.0, 0)); // 2.4 km
        long cursor = pull(token, null).path("timestamp").asLong();

        // A slower, shorter run beats nothing; a note changes nothing: no record is pulled.
        String easy = post(token, run(72 * 60, 10, 2.0, 0)); // 1.2 km
        assertThat(server.patch("/api/v1/runs/" + faster, token, Map.of("notes", "windy"))
                        .status())
                .isEqualTo(200);
        JsonNode quiet = pull(token, cursor);
        assertThat(changes(quiet).path("updated")).isEmpty();
        assertThat(changes(quiet).path("created")).isEmpty();
        assertThat(changes(quiet).path("deleted")).isEmpty();
        cursor = quiet.path("timestamp").asLong();

        // Deleting the holder hands the records to the next best run.
        assertThat(server.delete("/api/v1/runs/" + faster, token).status()).isEqualTo(204);
        JsonNode afterDelete = pull(token, cursor);
        Map<String, JsonNode> changed = live(afterDelete);
        assertThat(changed.keySet())
                .containsExactlyInAnyOrder(
                        "srv_best_effort_400m", "srv_best_effort_1k", "srv_best_effort_1mi", "srv_longest_run");
        assertThat(changed.values())
                .allSatisfy(
                        record -> assertThat(record.path("workout_id").asText()).isEqualTo(slower));
        assertThat(changed.get("srv_best_effort_1k").path("value").asDouble()).isCloseTo(1000 / 3.0, within(0.5));
        assertThat(changes(afterDelete).path("deleted")).isEmpty();
        cursor = afterDelete.path("timestamp").asLong();

        // Deleting the last runs that cover a distance leaves tombstones where its records were.
        assertThat(server.delete("/api/v1/runs/" + slower, token).status()).isEqualTo(204);
        JsonNode afterSecond = pull(token, cursor);
        assertThat(ids(changes(afterSecond).path("deleted"))).containsExactlyInAnyOrder("srv_best_effort_1mi");
        assertThat(live(afterSecond).keySet())
                .containsExactlyInAnyOrder("srv_best_effort_400m", "srv_best_effort_1k", "srv_longest_run");
        assertThat(live(afterSecond).values())
                .allSatisfy(
                        record -> assertThat(record.path("workout_id").asText()).isEqualTo(easy));
        cursor = afterSecond.path("timestamp").asLong();

        assertThat(server.delete("/api/v1/runs/" + easy, token).status()).isEqualTo(204);
        JsonNode none = pull(token, cursor);
        assertThat(live(none)).isEmpty();
        assertThat(ids(changes(none).path("deleted")))
                .containsExactlyInAnyOrder("srv_best_effort_400m", "srv_best_effort_1k", "srv_longest_run");
    }

    @Test
    void aRunSupersededByTheWatchHandsItsRecordsToTheWatchsRun() {
        String token = server.token("pr-sync-supersede");
        String phone = post(token, run(0, 20, 5.0, 0));
        long cursor = pull(token, null).path("timestamp").asLong();

        String watch = post(token, run(1, 20, 4.0, 0, "garmin"));
        Map<String, JsonNode> changed = live(pull(token, cursor));
        assertThat(changed).isNotEmpty();
        assertThat(changed.values())
                .allSatisfy(
                        record -> assertThat(record.path("workout_id").asText()).isEqualTo(watch));
        assertThat(changed.get("srv_best_effort_1k").path("value").asDouble()).isCloseTo(250, within(0.5));
        assertThat(changed.get("srv_longest_run").path("workout_id").asText()).isEqualTo(watch);

        // A delete pushed by a client (the runs collection) frees the phone's run in that push's version.
        JsonNode before = pull(token, null);
        long beforeDelete = before.path("timestamp").asLong();
        TestServer.Response pushed =
                server.post("/api/v1/sync", token, push("runs", List.of(), List.of(), List.of(watch), beforeDelete));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        Map<String, JsonNode> back = live(pull(token, beforeDelete));
        assertThat(back.get("srv_best_effort_1k").path("workout_id").asText()).isEqualTo(phone);
        assertThat(back.get("srv_best_effort_1k").path("value").asDouble()).isCloseTo(200, within(0.5));
    }

    @Test
    void aClientCannotCreateChangeOrDeleteTheServersRecordsAndItsOwnRecordsSyncAsBefore() {
        String token = server.token("pr-sync-push");
        String runId = post(token, run(0, 10, 4.0, 0));
        JsonNode first = pull(token, null);
        long cursor = first.path("timestamp").asLong();
        JsonNode kmBefore = live(first).get("srv_best_effort_1k");

        Map<String, Object> own = record("pr1", "squat", "1rm", 140);
        Map<String, Object> forgedMarathon =
                record("srv_best_effort_marathon", "running", "best_effort_marathon", 7200);
        Map<String, Object> fasterKm = record("srv_best_effort_1k", "running", "best_effort_1k", 120);
        TestServer.Response pushed = server.post(
                "/api/v1/sync",
                token,
                push(
                        "personal_records",
                        List.of(own, forgedMarathon),
                        List.of(fasterKm),
                        List.of("srv_longest_run"),
                        cursor));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(ids(pushed.json().path("experimentalRejectedIds").path("personal_records")))
                .containsExactlyInAnyOrder("srv_best_effort_marathon", "srv_best_effort_1k", "srv_longest_run");

        // The pusher's next pull puts the server's state back in place of its local edits.
        JsonNode after = pull(token, cursor);
        Map<String, JsonNode> back = live(after);
        assertThat(back.keySet()).containsExactlyInAnyOrder("pr1", "srv_best_effort_1k", "srv_longest_run");
        assertThat(back.get("pr1").path("value").asDouble()).isEqualTo(140);
        assertThat(back.get("srv_best_effort_1k").path("value").asDouble())
                .isEqualTo(kmBefore.path("value").asDouble());
        assertThat(back.get("srv_best_effort_1k").path("workout_id").asText()).isEqualTo(runId);
        assertThat(back.get("srv_longest_run").path("value").asDouble()).isEqualTo(2400);
        assertThat(changes(after).path("deleted")).isEmpty();
        assertThat(server.get("/api/v1/records", token)
                        .json()
                        .path("best_efforts")
                        .findValues("distance"))
                .extracting(JsonNode::asText)
                .doesNotContain("marathon");

        // The client's own record is the client's: it edits and deletes it as before.
        Map<String, Object> heavier = record("pr1", "squat", "1rm", 145);
        TestServer.Response edit = server.post(
                "/api/v1/sync",
                token,
                push(
                        "personal_records",
                        List.of(),
                        List.of(heavier),
                        List.of(),
                        after.path("timestamp").asLong()));
        assertThat(edit.json().path("experimentalRejectedIds").path("personal_records"))
                .isEmpty();
        assertThat(live(pull(token, null)).get("pr1").path("value").asDouble()).isEqualTo(145);
    }

    @Test
    void anotherUserPullsNoneOfTheRunnersRecords() {
        String alice = server.token("pr-sync-alice");
        post(alice, run(0, 10, 4.0, 0.05));
        assertThat(live(pull(alice, null))).isNotEmpty();

        assertThat(live(pull(server.token("pr-sync-bob"), null))).isEmpty();
        assertThat(live(pull(server.token("pr-sync-coach", "coach"), null))).isEmpty();
    }

    private static JsonNode pull(String token, Long cursor) {
        String path = cursor == null ? "/api/v1/sync" : "/api/v1/sync?last_pulled_at=" + cursor;
        TestServer.Response response = server.get(path, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode changes(JsonNode pull) {
        return pull.path("changes").path("personal_records");
    }

    /** The live personal_records of a pull, created and updated alike, by id. */
    private static Map<String, JsonNode> live(JsonNode pull) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (String kind : List.of("created", "updated")) {
            changes(pull)
                    .path(kind)
                    .forEach(record -> records.put(record.path("id").asText(), record));
        }
        return records;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static Map<String, Object> record(String id, String exercise, String metric, double value) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("exercise", exercise);
        record.put("metric", metric);
        record.put("value", value);
        record.put("updated_at", System.currentTimeMillis());
        return record;
    }

    private static Map<String, Object> push(
            String collection,
            List<Map<String, Object>> created,
            List<Map<String, Object>> updated,
            List<String> deleted,
            long lastPulledAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("changes", Map.of(collection, Map.of("created", created, "updated", updated, "deleted", deleted)));
        body.put("last_pulled_at", lastPulledAt);
        return body;
    }

    private static String post(String token, Map<String, Object> body) {
        TestServer.Response response = server.post("/api/v1/runs", token, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Map<String, Object> run(int startMinute, int minutes, double speedMps, double climbPerSecond) {
        return run(startMinute, minutes, speedMps, climbPerSecond, "phone");
    }

    private static Map<String, Object> run(
            int startMinute, int minutes, double speedMps, double climbPerSecond, String source) {
        return RunBodies.steady(DAY.plusSeconds(60L * startMinute), minutes, speedMps, climbPerSecond, source);
    }
}

package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/records against PostgreSQL: best efforts stored at ingest, records from canonical runs
 * only (after a delete, an overlap, a higher-priority source), the caller's runs only.
 */
class RecordsHttpTest {

    private static final Instant DAY = Instant.parse("2026-11-02T07:00:00Z");

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
    void eachDistancesRecordIsTheFastestStretchOfAnyRunWithTheLongestRunAndBiggestClimb() {
        String token = server.token("records-runner");
        String steady = post(token, run(0, 30, 3.0, 0, "phone")); // 5.4 km at 3 m/s
        String fast = post(token, run(24 * 60, 20, 4.0, 0, "phone")); // 4.8 km at 4 m/s
        String hilly = post(token, run(48 * 60, 20, 2.5, 0.05, "phone")); // 3 km, climbing 60 m

        JsonNode records = records(token);

        assertThat(distances(records)).containsExactly("400m", "1k", "1mi", "5k");
        JsonNode km = effort(records, "1k");
        assertThat(km.path("run_id").asText()).isEqualTo(fast);
        assertThat(km.path("distance_m").asDouble()).isEqualTo(1000);
        assertThat(km.path("time_s").asDouble()).isCloseTo(250, within(0.5));
        assertThat(km.path("pace_s_per_km").asDouble()).isCloseTo(250, within(0.5));
        assertThat(km.path("run_started_at").asText())
                .isEqualTo(DAY.plusSeconds(24 * 3600).toString());
        double offset = km.path("offset_s").asDouble();
        assertThat(offset).isBetween(0.0, 20 * 60 - 250.0);
        assertThat(Instant.parse(km.path("started_at").asText()))
                .isEqualTo(DAY.plusSeconds(24 * 3600).plusMillis(Math.round(offset * 1000)));
        assertThat(effort(records, "1mi").path("time_s").asDouble()).isCloseTo(1609.344 / 4, within(0.5));
        JsonNode fiveK = effort(records, "5k");
        assertThat(fiveK.path("run_id").asText()).isEqualTo(steady);
        assertThat(fiveK.path("time_s").asDouble()).isCloseTo(5000 / 3.0, within(0.5));

        assertThat(records.path("longest_run").path("run_id").asText()).isEqualTo(steady);
        assertThat(records.path("longest_run").path("distance_m").asDouble()).isEqualTo(5400);
        assertThat(records.path("biggest_climb").path("run_id").asText()).isEqualTo(hilly);
        assertThat(records.path("biggest_climb").path("elevation_gain_m").asDouble())
                .isCloseTo(60, within(1.0));
    }

    @Test
    void deletingARunHoldingARecordHandsItToTheNextBest() {
        String token = server.token("records-delete");
        String slower = post(token, run(0, 10, 3.0, 0, "phone"));
        String faster = post(token, run(24 * 60, 10, 4.0, 0, "phone"));
        assertThat(effort(records(token), "1k").path("run_id").asText()).isEqualTo(faster);
        assertThat(records(token).path("longest_run").path("run_id").asText()).isEqualTo(faster);

        assertThat(server.delete("/api/v1/runs/" + faster, token).status()).isEqualTo(204);

        JsonNode records = records(token);
        assertThat(effort(records, "1k").path("run_id").asText()).isEqualTo(slower);
        assertThat(effort(records, "1k").path("time_s").asDouble()).isCloseTo(1000 / 3.0, within(0.5));
        assertThat(records.path("longest_run").path("run_id").asText()).isEqualTo(slower);

        assertThat(server.delete("/api/v1/runs/" + slower, token).status()).isEqualTo(204);
        JsonNode none = records(token);
        assertThat(none.path("best_efforts")).isEmpty();
        assertThat(none.path("longest_run").isNull()).isTrue();
        assertThat(none.path("biggest_climb").isNull()).isTrue();
    }

    @Test
    void aRunSupersededByAHigherPrioritySourceHoldsNoRecordUntilTheWatchRunIsDeleted() {
        String token = server.token("records-supersede");
        String phone = post(token, run(0, 20, 5.0, 0, "phone"));
        assertThat(effort(records(token), "1k").path("run_id").asText()).isEqualTo(phone);

        // The same activity from the watch, which measured it slower: the watch's run is canonical.
        String watch = post(token, run(1, 20, 4.0, 0, "garmin"));
        assertThat(server.get("/api/v1/runs/" + phone, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isTrue();

        JsonNode records = records(token);
        assertThat(records.path("best_efforts"))
                .isNotEmpty()
                .allSatisfy(effort -> assertThat(effort.path("run_id").asText()).isEqualTo(watch));
        assertThat(effort(records, "1k").path("time_s").asDouble()).isCloseTo(250, within(0.5));
        assertThat(records.path("longest_run").path("run_id").asText()).isEqualTo(watch);

        // Without the watch's run the phone's is canonical again, and its efforts count again.
        assertThat(server.delete("/api/v1/runs/" + watch, token).status()).isEqualTo(204);
        assertThat(effort(records(token), "1k").path("run_id").asText()).isEqualTo(phone);
        assertThat(effort(records(token), "1k").path("time_s").asDouble()).isCloseTo(200, within(0.5));
    }

    @Test
    void aRunFlaggedOverlappingOnArrivalNeverCounts() {
        String token = server.token("records-overlap");
        String first = post(token, run(0, 20, 3.0, 0, "phone"));
        // Half of it overlaps the first run: not the same activity, so the later arrival yields.
        String later = post(token, run(10, 20, 5.0, 0, "phone"));
        assertThat(server.get("/api/v1/runs/" + later, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isTrue();

        JsonNode records = records(token);
        assertThat(records.path("best_efforts"))
                .isNotEmpty()
                .allSatisfy(effort -> assertThat(effort.path("run_id").asText()).isEqualTo(first));
        assertThat(distances(records)).doesNotContain("5k"); // only the flagged run covers 5 km
        assertThat(records.path("longest_run").path("run_id").asText()).isEqualTo(first);
    }

    @Test
    void withoutATrackTheDistanceSamplesGiveTheEfforts() {
        String token = server.token("records-samples");
        Map<String, Object> body = run(0, 10, 3.0, 0, "coros");
        body.remove("track");
        List<Object> time = new ArrayList<>();
        List<Object> distance = new ArrayList<>();
        long t0 = DAY.toEpochMilli();
        for (int i = 0; i <= 600; i++) {
            time.add(t0 + 1000L * i);
            distance.add(i < 300 ? 3.0 * i : 900 + 4.0 * (i - 300)); // 3 m/s, then 4 m/s
        }
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("time", time);
        samples.put("distance_m", distance);
        body.put("samples", samples);
        String id = post(token, body);

        JsonNode records = records(token);
        assertThat(distances(records)).containsExactly("400m", "1k", "1mi");
        assertThat(effort(records, "400m").path("run_id").asText()).isEqualTo(id);
        assertThat(effort(records, "400m").path("time_s").asDouble()).isEqualTo(100.0);
        assertThat(effort(records, "1k").path("time_s").asDouble()).isEqualTo(250.0);
        assertThat(records.path("biggest_climb").isNull()).isTrue();
    }

    @Test
    void onlyTheCallersOwnRunsCount() {
        String alice = server.token("records-alice");
        post(alice, run(0, 10, 4.0, 0.05, "phone"));
        assertThat(records(alice).path("best_efforts")).isNotEmpty();

        JsonNode bobs = records(server.token("records-bob"));
        assertThat(bobs.path("best_efforts")).isEmpty();
        assertThat(bobs.path("longest_run").isNull()).isTrue();
        assertThat(bobs.path("biggest_climb").isNull()).isTrue();

        // A coach not linked to alice sees their own (empty) records, and has no route to hers.
        String coach = server.token("records-coach", "coach");
        assertThat(records(coach).path("best_efforts")).isEmpty();
        assertThat(server.get("/api/v1/coach/clients/records-alice/records", coach)
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/records", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/records", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesRecords() {
        JsonNode document = server.get("/openapi.json", null).json();
        assertThat(document.path("paths").path("/api/v1/records").path("get").isObject())
                .isTrue();
        assertThat(document.path("components").path("schemas").has("BestEffortRecord"))
                .isTrue();
    }

    private static JsonNode records(String token) {
        TestServer.Response response = server.get("/api/v1/records", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> distances(JsonNode records) {
        List<String> distances = new ArrayList<>();
        records.path("best_efforts")
                .forEach(effort -> distances.add(effort.path("distance").asText()));
        return distances;
    }

    private static JsonNode effort(JsonNode records, String distance) {
        for (JsonNode effort : records.path("best_efforts")) {
            if (effort.path("distance").asText().equals(distance)) {
                return effort;
            }
        }
        throw new AssertionError("no " + distance + " effort in " + records);
    }

    private static String post(String token, Map<String, Object> body) {
        TestServer.Response response = server.post("/api/v1/runs", token, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Map<String, Object> run(
            int startMinute, int minutes, double speedMps, double climbPerSecond, String source) {
        return RunBodies.steady(DAY.plusSeconds(60L * startMinute), minutes, speedMps, climbPerSecond, source);
    }
}

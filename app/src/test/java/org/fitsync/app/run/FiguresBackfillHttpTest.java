package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.fitsync.ports.in.run.FiguresBackfillReport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures backfill against PostgreSQL and over HTTP: runs stored before their figures and best
 * efforts existed (simulated by the database owner taking them away again, as an upgraded database has
 * them) get both from a pass, and with them their statistics, records and published records; nothing
 * else changes, a second pass does nothing, and a run whose track cannot be decoded blocks nobody. The
 * node's own worker is off, so each pass is the test's.
 */
class FiguresBackfillHttpTest {

    private static final Instant DAY = Instant.parse("2026-09-07T06:00:00Z");

    private static TestServer server;
    private static Jdbi owner;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("FITSYNC_BACKFILL", "off"));
        owner = Jdbi.create(server.ownerDataSource());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runsStoredBeforeTheFiguresGetStatisticsRecordsAndPublishedRecords() {
        String token = server.token("backfill-history");
        String steady = post(token, run(0, 30, 3.0, 0)); // 5.4 km
        String fast = post(token, run(24 * 60, 20, 4.0, 0)); // 4.8 km
        String hilly = post(token, run(48 * 60, 20, 2.5, 0.05)); // 3 km, 60 m up
        JsonNode statsAtIngest = total(token);
        JsonNode recordsAtIngest = records(token);
        storedBeforeTheFigures("backfill-history");

        JsonNode before = total(token);
        assertThat(before.path("elevation_gain_m").asDouble()).isZero();
        assertThat(before.path("moving_time_s").asLong()).isEqualTo((30 + 20 + 20) * 60);
        assertThat(records(token).path("best_efforts")).isEmpty();
        assertThat(records(token).path("biggest_climb").isNull()).isTrue();
        assertThat(live(pull(token))).isEmpty();

        FiguresBackfillReport report = server.figuresBackfill().drain();

        assertThat(report.runsBackfilled()).isEqualTo(3);
        assertThat(report.runsUndecodable()).isZero();
        assertThat(report.usersFailed()).isZero();
        assertThat(total(token)).isEqualTo(statsAtIngest);
        assertThat(total(token).path("elevation_gain_m").asDouble()).isCloseTo(60, within(1.0));
        JsonNode records = records(token);
        assertThat(records).isEqualTo(recordsAtIngest);
        assertThat(effort(records, "1k").path("run_id").asText()).isEqualTo(fast);
        assertThat(effort(records, "5k").path("run_id").asText()).isEqualTo(steady);
        assertThat(records.path("biggest_climb").path("run_id").asText()).isEqualTo(hilly);
        assertThat(server.get("/api/v1/runs/" + hilly, token)
                        .json()
                        .path("stats")
                        .path("elevation_gain_m")
                        .asDouble())
                .isCloseTo(60, within(1.0));

        Map<String, JsonNode> published = live(pull(token));
        List<String> expected = new ArrayList<>(List.of("srv_longest_run", "srv_biggest_climb"));
        records.path("best_efforts")
                .forEach(effort -> expected.add(
                        "srv_best_effort_" + effort.path("distance").asText()));
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(published.get("srv_best_effort_1k").path("workout_id").asText())
                .isEqualTo(fast);
        assertThat(published.get("srv_best_effort_1k").path("value").asDouble())
                .isEqualTo(effort(records, "1k").path("time_s").asDouble());
        assertThat(published.get("srv_biggest_climb").path("workout_id").asText())
                .isEqualTo(hilly);

        long version = syncVersion("backfill-history");
        assertThat(server.figuresBackfill().drain()).isEqualTo(FiguresBackfillReport.NOTHING);
        assertThat(syncVersion("backfill-history")).isEqualTo(version);
        assertThat(records(token)).isEqualTo(records);
    }

    @Test
    void anotherUsersRunsAndVersionAreLeftAlone() {
        String older = server.token("backfill-older");
        post(older, run(0, 10, 3.0, 0));
        storedBeforeTheFigures("backfill-older");
        String current = server.token("backfill-current");
        post(current, run(0, 10, 3.5, 0.02));
        String computedAt = computedAt("backfill-current");
        long version = syncVersion("backfill-current");
        JsonNode records = records(current);
        long pullCursor = pull(current).path("timestamp").asLong();

        assertThat(server.figuresBackfill().drain().runsBackfilled()).isPositive();

        assertThat(computedAt("backfill-current")).isEqualTo(computedAt);
        assertThat(syncVersion("backfill-current")).isEqualTo(version);
        assertThat(records(current)).isEqualTo(records);
        assertThat(pull(current).path("timestamp").asLong()).isEqualTo(pullCursor);
        assertThat(records(older).path("best_efforts")).isNotEmpty();
    }

    @Test
    void aRunWhoseTrackCannotBeDecodedIsStoredWithWhatIsKnownAndBlocksNobody() {
        String token = server.token("backfill-damaged");
        String damaged = post(token, run(0, 10, 3.0, 0.05));
        String sound = post(token, run(24 * 60, 10, 4.0, 0));
        storedBeforeTheFigures("backfill-damaged");
        owner.useHandle(h -> h.createUpdate("UPDATE runs SET track = '\\xff0102'::bytea WHERE id = CAST(:id AS uuid)")
                .bind("id", damaged)
                .execute());

        FiguresBackfillReport report = server.figuresBackfill().drain();

        assertThat(report.runsUndecodable()).isEqualTo(1);
        assertThat(report.usersFailed()).isZero();
        JsonNode records = records(token);
        assertThat(records.path("best_efforts"))
                .isNotEmpty()
                .allSatisfy(effort -> assertThat(effort.path("run_id").asText()).isEqualTo(sound));
        JsonNode figures = server.get("/api/v1/runs/" + damaged, token).json().path("stats");
        assertThat(figures.path("moving_time_s").asLong()).isEqualTo(600);
        assertThat(figures.path("elevation_gain_m").isNull()).isTrue();
        assertThat(awaiting("backfill-damaged")).isZero();
        assertThat(server.figuresBackfill().drain().runsBackfilled()).isZero();
    }

    @Test
    void aUserWhoseWriteLockIsHeldElsewhereIsLeftForTheNextPassWithoutWaiting() throws Exception {
        String token = server.token("backfill-busy");
        post(token, run(0, 10, 3.0, 0));
        storedBeforeTheFigures("backfill-busy");

        // Another node backfilling the user, or the user's own write, holds the version row.
        try (Connection other = server.ownerDataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock =
                    other.prepareStatement("SELECT version FROM sync_state WHERE user_id = ? FOR UPDATE")) {
                lock.setString(1, "backfill-busy");
                lock.executeQuery().close();
            }
            FiguresBackfillReport whileHeld = server.figuresBackfill().drain();
            assertThat(whileHeld.usersBusy()).isEqualTo(1);
            assertThat(awaiting("backfill-busy")).isEqualTo(1);
            other.rollback();
        }

        assertThat(server.figuresBackfill().drain().runsBackfilled()).isEqualTo(1);
        assertThat(awaiting("backfill-busy")).isZero();
        assertThat(records(token).path("best_efforts")).isNotEmpty();
    }

    /** As an upgraded database has the user's runs: no figures, no best efforts, no published records. */
    private static void storedBeforeTheFigures(String user) {
        owner.useTransaction(h -> {
            h.createUpdate("""
                            UPDATE runs SET moving_time_s = NULL, elevation_gain_m = NULL, elevation_loss_m = NULL,
                                avg_heart_rate = NULL, max_heart_rate = NULL, avg_cadence = NULL,
                                avg_pace_s_per_km = NULL, figures_computed_at = NULL
                            WHERE user_id = :user""").bind("user", user).execute();
            h.createUpdate("DELETE FROM run_best_efforts WHERE user_id = :user")
                    .bind("user", user)
                    .execute();
            h.createUpdate("DELETE FROM sync_records WHERE user_id = :user AND collection = 'personal_records'")
                    .bind("user", user)
                    .execute();
        });
        assertThat(awaiting(user)).isPositive();
    }

    private static int awaiting(String user) {
        return owner.withHandle(
                h -> h.createQuery("SELECT count(*) FROM runs WHERE user_id = :user AND figures_computed_at IS NULL")
                        .bind("user", user)
                        .mapTo(Integer.class)
                        .one());
    }

    private static String computedAt(String user) {
        return owner.withHandle(h -> h.createQuery(
                        "SELECT string_agg(figures_computed_at::text, ',' ORDER BY id) FROM runs WHERE user_id = :user")
                .bind("user", user)
                .mapTo(String.class)
                .one());
    }

    private static long syncVersion(String user) {
        return owner.withHandle(h -> h.createQuery("SELECT version FROM sync_state WHERE user_id = :user")
                .bind("user", user)
                .mapTo(Long.class)
                .one());
    }

    private static JsonNode total(String token) {
        TestServer.Response response = server.get("/api/v1/stats?period=year", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("total");
    }

    private static JsonNode records(String token) {
        TestServer.Response response = server.get("/api/v1/records", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode effort(JsonNode records, String distance) {
        for (JsonNode effort : records.path("best_efforts")) {
            if (effort.path("distance").asText().equals(distance)) {
                return effort;
            }
        }
        throw new AssertionError("no " + distance + " effort in " + records);
    }

    private static JsonNode pull(String token) {
        TestServer.Response response = server.get("/api/v1/sync", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The live personal_records of a pull, by id. */
    private static Map<String, JsonNode> live(JsonNode pull) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (String kind : List.of("created", "updated")) {
            pull.path("changes")
                    .path("personal_records")
                    .path(kind)
                    .forEach(record -> records.put(record.path("id").asText(), record));
        }
        return records;
    }

    private static String post(String token, Map<String, Object> body) {
        TestServer.Response response = server.post("/api/v1/runs", token, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private static Map<String, Object> run(int startMinute, int minutes, double speedMps, double climbPerSecond) {
        return RunBodies.steady(DAY.plusSeconds(60L * startMinute), minutes, speedMps, climbPerSecond, "phone");
    }
}

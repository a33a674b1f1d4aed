package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.app.run.RunBodies.run;
import static org.fitsync.app.run.RunBodies.storedRuns;
import static org.fitsync.app.run.RunBodies.with;
import static org.fitsync.app.run.RunBodies.without;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule of docs/api.md: 422 naming the field, and nothing stored (checked in the database). */
class RunsValidationHttpTest {

    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Map<String, Object> OK =
            run(UUID.fromString("5f0c6a52-6a8e-4a43-9a3e-2a3c1d7f0b11"), 0, 45, "phone");
    private static final long START_MS = RunBodies.DAY.toEpochMilli();
    private static final long END_MS = RunBodies.DAY.plusSeconds(45 * 60).toEpochMilli();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("id is required", without(OK, "id"), "id"),
                rule("id must be a UUID", with(OK, "id", "run-1"), "id"),
                rule("id must be a string", with(OK, "id", 17), "id"),
                rule("started_at is required", without(OK, "started_at"), "started_at"),
                rule("started_at must be RFC 3339", with(OK, "started_at", "20/11/2026 07:00"), "started_at"),
                rule("ended_at is required", without(OK, "ended_at"), "ended_at"),
                rule("ended_at after started_at", with(OK, "ended_at", "2026-11-20T06:59:59Z"), "ended_at"),
                rule("ended_at equal to started_at", with(OK, "ended_at", "2026-11-20T07:00:00Z"), "ended_at"),
                rule("span at most 48 h", with(OK, "ended_at", "2026-11-22T07:00:01Z"), "ended_at"),
                rule("duration_s is required", without(OK, "duration_s"), "duration_s"),
                rule("duration_s not negative", with(OK, "duration_s", -1), "duration_s"),
                rule("duration_s at most the span", with(OK, "duration_s", 45 * 60 + 1), "duration_s"),
                rule("duration_s a whole number", with(OK, "duration_s", 12.5), "duration_s"),
                rule("duration_s a number", with(OK, "duration_s", "2700"), "duration_s"),
                rule("distance_m is required", without(OK, "distance_m"), "distance_m"),
                rule("distance_m not negative", with(OK, "distance_m", -0.5), "distance_m"),
                rule("average speed at most 15 m/s", with(OK, "distance_m", 15.0 * 2690 + 1), "distance_m"),
                rule("distance_m a number", with(OK, "distance_m", "far"), "distance_m"),
                rule("source is required", without(OK, "source"), "source"),
                rule("source is known", with(OK, "source", "fitbit"), "source"),
                rule("notes at most 10,000 chars", with(OK, "notes", "n".repeat(10_001)), "notes"),
                rule("notes a string", with(OK, "notes", List.of("a")), "notes"),
                rule("notes without NUL", with(OK, "notes", "a\u0000b"), "notes"),
                rule("metadata without NUL", with(OK, "metadata", Map.of("k", "a\u0000b")), "metadata"),
                rule("metadata an object", with(OK, "metadata", List.of(1, 2)), "metadata"),
                rule(
                        "metadata at most 64 KiB",
                        with(OK, "metadata", Map.of("blob", "b".repeat(64 * 1024))),
                        "metadata"),
                rule("track an array", with(OK, "track", "none"), "track"),
                rule("track at most 200,000 points", with(OK, "track", manyPoints(200_001)), "track"),
                rule("point shape", with(OK, "track", List.of(List.of(START_MS, 52.5, 13.4))), "track[0]"),
                rule(
                        "point time an integer",
                        with(OK, "track", List.of(Arrays.asList("now", 52.5, 13.4, null))),
                        "track[0]"),
                rule("latitude in range", with(OK, "track", List.of(point(START_MS, 90.0001, 13.4))), "track[0]"),
                rule("longitude in range", with(OK, "track", List.of(point(START_MS, 52.5, -180.5))), "track[0]"),
                rule(
                        "times non-decreasing",
                        with(
                                OK,
                                "track",
                                List.of(point(START_MS + 2000, 52.5, 13.4), point(START_MS + 1000, 52.5, 13.4))),
                        "track[1]"),
                rule(
                        "times not before started_at - 60 s",
                        with(OK, "track", List.of(point(START_MS - 60_001, 52.5, 13.4))),
                        "track[0]"),
                rule(
                        "times not after ended_at + 60 s",
                        with(OK, "track", List.of(point(START_MS, 52.5, 13.4), point(END_MS + 60_001, 52.5, 13.4))),
                        "track[1]"));
    }

    private static Arguments rule(String name, Map<String, Object> body, String field) {
        return Arguments.of(name, body, field);
    }

    private static List<Object> point(long time, double lat, double lon) {
        return Arrays.asList(time, lat, lon, null);
    }

    private static List<List<Object>> manyPoints(int n) {
        List<List<Object>> points = new ArrayList<>(n);
        List<Object> p = point(START_MS, 52.5, 13.4);
        for (int i = 0; i < n; i++) {
            points.add(p);
        }
        return points;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleIs422NamingTheFieldAndStoresNothing(String rule, Map<String, Object> body, String field) {
        String user = "validation-" + USERS.incrementAndGet();
        TestServer.Response response = server.post("/api/v1/runs", server.token(user), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(storedRuns(server.ownerDataSource(), user)).isZero();
        assertThat(syncVersion(user)).as("no version was claimed").isZero();
    }

    @Test
    void theBoundariesAreAccepted() {
        String token = server.token("validation-boundaries");
        Map<String, Object> edge = with(
                with(with(OK, "ended_at", "2026-11-22T07:00:00Z"), "duration_s", 48 * 3600),
                "distance_m",
                15.0 * 48 * 3600);
        edge = with(
                with(edge, "notes", "n".repeat(10_000)),
                "track",
                List.of(point(START_MS - 60_000, -90, -180), point(START_MS - 60_000, 90, 180)));
        TestServer.Response response = server.post("/api/v1/runs", token, edge);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        String user = "validation-many";
        Map<String, Object> body = with(
                with(with(with(OK, "id", "x"), "source", "fitbit"), "duration_s", -3),
                "track",
                List.of(point(START_MS, 91, 0), point(START_MS, 0, 0), point(START_MS, 0, 181)));
        TestServer.Response response = server.post("/api/v1/runs", server.token(user), body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").findValuesAsText("field"))
                .containsExactly("id", "duration_s", "source", "track[0]", "track[2]");
        assertThat(storedRuns(server.ownerDataSource(), user)).isZero();
    }

    @Test
    void malformedJsonIs400AndTooLargeIs413() {
        String token = server.token("validation-malformed");
        assertThat(server.post("/api/v1/runs", token, "{\"id\": ").status()).isEqualTo(400);
        assertThat(server.post("/api/v1/runs", token, "[]").status()).isEqualTo(400);
        assertThat(server.post("/api/v1/runs", token, "{\"id\":\"a\",\"id\":\"b\"}")
                        .status())
                .isEqualTo(400);
        assertThat(storedRuns(server.ownerDataSource(), "validation-malformed")).isZero();
    }

    @Test
    void strangeNumbersNeverCauseAServerError() {
        String token = server.token("validation-numbers");
        for (String value : List.of("1e400", "-1e400", "123456789012345678901234567890", "1e-400")) {
            String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"started_at\":\"2026-11-20T07:00:00Z\","
                    + "\"ended_at\":\"2026-11-20T08:00:00Z\",\"duration_s\":" + value + ",\"distance_m\":" + value
                    + ",\"source\":\"phone\",\"track\":[[" + value + "," + value + "," + value + "," + value + "]]}";
            TestServer.Response response = server.post("/api/v1/runs", token, body);
            assertThat(response.status()).as(value + " → " + response).isIn(201, 400, 422);
        }
    }

    private static long syncVersion(String user) {
        return org.jdbi.v3.core.Jdbi.create(server.ownerDataSource())
                .withHandle(h -> h.createQuery("SELECT coalesce(max(version), 0) FROM sync_state WHERE user_id = :u")
                        .bind("u", user)
                        .mapTo(Long.class)
                        .one());
    }
}

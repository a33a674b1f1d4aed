package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/stats against PostgreSQL: periods in the caller's time zone (weeks from Monday),
 * canonical runs only, the caller's runs only, totals that add up to the run list, and the run
 * resource's derived figures.
 */
class StatsHttpTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
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
    void weeksStartOnMondayInTheGivenTimeZone() {
        String token = server.token("stats-weeks");
        // Monday 16 Nov 01:30 Berlin; Sunday 22 Nov 23:30 Berlin (22:30 UTC); Monday 23 Nov 00:30 Berlin,
        // which is still Sunday 23:30 in UTC.
        post(token, "2026-11-16T00:30:00Z", 20, 3000);
        post(token, "2026-11-22T22:30:00Z", 20, 4000);
        post(token, "2026-11-22T23:30:00Z", 20, 5000);

        JsonNode berlin = stats(token, "period=week&tz=Europe/Berlin");
        assertThat(berlin.path("tz").asText()).isEqualTo("Europe/Berlin");
        assertThat(berlin.path("items")).hasSize(2);
        JsonNode first = berlin.path("items").get(0);
        assertThat(first.path("start").asText()).isEqualTo("2026-11-16");
        assertThat(first.path("end").asText()).isEqualTo("2026-11-23");
        assertThat(first.path("count").asLong()).isEqualTo(2);
        assertThat(first.path("distance_m").asDouble()).isEqualTo(7000);
        assertThat(first.path("longest_run_m").asDouble()).isEqualTo(4000);
        JsonNode second = berlin.path("items").get(1);
        assertThat(second.path("start").asText()).isEqualTo("2026-11-23");
        assertThat(second.path("count").asLong()).isEqualTo(1);

        JsonNode utc = stats(token, "period=week");
        assertThat(utc.path("tz").asText()).isEqualTo("UTC");
        assertThat(utc.path("items")).hasSize(1);
        assertThat(utc.path("items").get(0).path("start").asText()).isEqualTo("2026-11-16");
        assertThat(utc.path("items").get(0).path("count").asLong()).isEqualTo(3);
        assertThat(utc.path("total").path("distance_m").asDouble()).isEqualTo(12000);
    }

    @Test
    void monthsAndYearsFollowTheLocalCalendar() {
        String token = server.token("stats-months");
        post(token, "2026-01-31T23:30:00Z", 20, 1000); // 1 Feb 00:30 in Berlin
        post(token, "2026-02-10T07:00:00Z", 20, 2000);
        post(token, "2026-12-31T23:30:00Z", 20, 3000); // 1 Jan 2027 00:30 in Berlin

        JsonNode months = stats(token, "period=month&tz=Europe/Berlin");
        assertThat(starts(months)).containsExactly("2026-02-01", "2027-01-01");
        assertThat(months.path("items").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(months.path("items").get(0).path("end").asText()).isEqualTo("2026-03-01");
        assertThat(starts(stats(token, "period=month"))).containsExactly("2026-01-01", "2026-02-01", "2026-12-01");

        JsonNode years = stats(token, "period=year&tz=Europe/Berlin");
        assertThat(starts(years)).containsExactly("2026-01-01", "2027-01-01");
        assertThat(years.path("items").get(0).path("end").asText()).isEqualTo("2027-01-01");
        assertThat(starts(stats(token, "period=year&tz=UTC"))).containsExactly("2026-01-01");
    }

    @Test
    void fromAndToAreLocalDatesBothIncluded() {
        String token = server.token("stats-range");
        post(token, "2026-11-22T23:30:00Z", 20, 5000); // Monday 23 Nov in Berlin, Sunday 22 Nov in UTC
        post(token, "2026-11-24T12:00:00Z", 20, 6000);

        assertThat(stats(token, "period=week&tz=Europe/Berlin&from=2026-11-23&to=2026-11-23")
                        .path("total")
                        .path("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(stats(token, "period=week&from=2026-11-23&to=2026-11-23")
                        .path("total")
                        .path("count")
                        .asLong())
                .isZero();
        assertThat(stats(token, "period=year&from=2026-11-22&to=9999-12-31")
                        .path("total")
                        .path("count")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void overlappingRunsAreCountedOnce() {
        String token = server.token("stats-overlap");
        post(token, "2026-11-20T07:00:00Z", 60, 10_000, "phone");
        // The same activity from the watch: canonical by source priority, the phone's run is flagged.
        post(token, "2026-11-20T07:01:00Z", 58, 9_800, "garmin");

        JsonNode total = stats(token, "period=week").path("total");
        assertThat(total.path("count").asLong()).isEqualTo(1);
        assertThat(total.path("distance_m").asDouble()).isEqualTo(9_800);

        // Deleting the canonical run makes the other one count instead.
        String garmin = server.get("/api/v1/runs", token)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asText();
        assertThat(server.delete("/api/v1/runs/" + garmin, token).status()).isEqualTo(204);
        total = stats(token, "period=week").path("total");
        assertThat(total.path("count").asLong()).isEqualTo(1);
        assertThat(total.path("distance_m").asDouble()).isEqualTo(10_000);
    }

    @Test
    void theTotalsAreTheSumOfTheRunList() {
        String token = server.token("stats-sum");
        Instant start = Instant.parse("2026-09-28T05:00:00Z");
        for (int i = 0; i < 24; i++) {
            // Every 2 days 7 hours, so starts move through the day and across weeks, months and zones.
            Instant at = start.plusSeconds(i * (55L * 3600));
            post(token, at.toString(), 20 + i, 2000 + 397.5 * i, i % 3 == 0 ? "garmin" : "phone");
            if (i % 5 == 0) {
                post(token, at.plusSeconds(300).toString(), 15, 1234, "manual"); // an overlapping duplicate
            }
        }

        List<JsonNode> runs = new ArrayList<>();
        server.get("/api/v1/runs?limit=200", token).json().path("items").forEach(runs::add);
        assertThat(runs).hasSize(24);
        Map<String, double[]> weeks = new TreeMap<>();
        for (JsonNode run : runs) {
            LocalDate monday = Instant.parse(run.path("started_at").asText())
                    .atZone(BERLIN)
                    .toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            double[] sums = weeks.computeIfAbsent(monday.toString(), k -> new double[5]);
            sums[0]++;
            sums[1] += run.path("distance_m").asDouble();
            sums[2] += run.path("stats").path("moving_time_s").asLong();
            sums[3] += run.path("stats").path("elevation_gain_m").asDouble();
            sums[4] = Math.max(sums[4], run.path("distance_m").asDouble());
        }

        JsonNode stats = stats(token, "period=week&tz=Europe/Berlin");
        assertThat(starts(stats)).containsExactlyElementsOf(weeks.keySet());
        double[] all = new double[5];
        for (JsonNode item : stats.path("items")) {
            double[] sums = weeks.get(item.path("start").asText());
            assertThat(item.path("count").asDouble()).isEqualTo(sums[0]);
            assertThat(item.path("distance_m").asDouble()).isCloseTo(sums[1], within(1e-6));
            assertThat(item.path("moving_time_s").asDouble()).isEqualTo(sums[2]);
            assertThat(item.path("elevation_gain_m").asDouble()).isCloseTo(sums[3], within(0.05));
            assertThat(item.path("longest_run_m").asDouble()).isEqualTo(sums[4]);
            for (int i = 0; i < 4; i++) {
                all[i] += sums[i];
            }
            all[4] = Math.max(all[4], sums[4]);
        }
        JsonNode total = stats.path("total");
        assertThat(total.path("count").asDouble()).isEqualTo(24);
        assertThat(total.path("distance_m").asDouble()).isCloseTo(all[1], within(1e-6));
        assertThat(total.path("moving_time_s").asDouble()).isEqualTo(all[2]);
        assertThat(total.path("elevation_gain_m").asDouble()).isCloseTo(all[3], within(0.05));
        assertThat(total.path("longest_run_m").asDouble()).isEqualTo(all[4]);
        assertThat(all[2]).as("the runs' moving time is derived and positive").isPositive();
        assertThat(all[3]).as("the test tracks climb").isPositive();
        for (String period : List.of("month", "year")) {
            JsonNode other =
                    stats(token, "period=" + period + "&tz=Europe/Berlin").path("total");
            assertThat(other.path("count").asLong()).isEqualTo(24);
            assertThat(other.path("distance_m").asDouble()).isCloseTo(all[1], within(1e-6));
            assertThat(other.path("moving_time_s").asDouble()).isEqualTo(all[2]);
        }
    }

    @Test
    void anotherUsersRunsAreNeverCounted() {
        String alice = server.token("stats-alice");
        String bob = server.token("stats-bob");
        post(alice, "2026-11-20T07:00:00Z", 30, 5000);

        JsonNode bobs = stats(bob, "period=year");
        assertThat(bobs.path("items")).isEmpty();
        assertThat(bobs.path("total").path("count").asLong()).isZero();
        assertThat(bobs.path("total").path("longest_run_id").isNull()).isTrue();
        assertThat(stats(alice, "period=year").path("total").path("count").asLong())
                .isEqualTo(1);
        assertThat(server.get("/api/v1/stats?period=week", null).status()).isEqualTo(401);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String token = server.token("stats-bad");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("", "period");
        bad.put("period=day", "period");
        bad.put("period=WEEK", "period");
        bad.put("period=week&tz=Mars/Olympus_Mons", "tz");
        bad.put("period=week&tz=%2B02:00", "tz");
        bad.put("period=week&tz=", "tz");
        bad.put("period=week&from=2026-13-01", "from");
        bad.put("period=week&from=2026-02-30", "from");
        bad.put("period=week&to=20261101", "to");
        bad.put("period=week&from=1969-12-31", "from");
        bad.put("period=week&from=2026-11-02&to=2026-11-01", "from");
        for (Map.Entry<String, String> query : bad.entrySet()) {
            TestServer.Response response = server.get("/api/v1/stats?" + query.getKey(), token);
            assertThat(response.status()).as(query.getKey()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asText())
                    .as(query.getKey())
                    .startsWith(query.getValue() + " ");
        }
    }

    @Test
    void theRunResourceShowsItsDerivedFigures() {
        String token = server.token("stats-figures");
        Map<String, Object> body = run("2026-11-20T07:00:00Z", 10, 1800, "coros");
        List<Object> time = new ArrayList<>();
        List<Object> heartRate = new ArrayList<>();
        List<Object> cadence = new ArrayList<>();
        long t0 = Instant.parse("2026-11-20T07:00:00Z").toEpochMilli();
        for (int i = 0; i < 600; i++) {
            time.add(t0 + 1000L * i);
            heartRate.add(i == 7 ? null : 140 + i % 21);
            cadence.add(i < 10 ? 0 : 170);
        }
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("time", time);
        samples.put("heart_rate", heartRate);
        samples.put("cadence", cadence);
        body.put("samples", samples);
        TestServer.Response created = server.post("/api/v1/runs", token, body);
        assertThat(created.status()).isEqualTo(201);

        JsonNode stats =
                server.get("/api/v1/runs/" + body.get("id"), token).json().path("stats");
        assertThat(created.json().path("stats")).isEqualTo(stats);
        // 600 points a second apart, about 3.9 m each: moving from the fourth second on.
        assertThat(stats.path("moving_time_s").asLong()).isBetween(590L, 599L);
        assertThat(stats.path("max_heart_rate").asInt()).isEqualTo(160);
        assertThat(stats.path("avg_heart_rate").asDouble()).isBetween(149.0, 151.0);
        assertThat(stats.path("avg_cadence").asDouble()).isEqualTo(170.0);
        assertThat(stats.path("elevation_gain_m").asDouble()).isPositive();
        assertThat(stats.path("elevation_loss_m").asDouble()).isPositive();
        assertThat(stats.path("avg_pace_s_per_km").asDouble())
                .isCloseTo(stats.path("moving_time_s").asDouble() / 1.8, within(0.06));
        JsonNode listed = server.get("/api/v1/runs", token).json().path("items").get(0);
        assertThat(listed.path("stats")).isEqualTo(stats);

        // Without track and samples the moving time is the submitted duration, the rest unknown.
        Map<String, Object> bare = run("2026-11-21T07:00:00Z", 30, 5000, "manual");
        bare.remove("track");
        JsonNode bareStats = server.post("/api/v1/runs", token, bare).json().path("stats");
        assertThat(bareStats.path("moving_time_s").asLong()).isEqualTo(30 * 60 - 10);
        assertThat(bareStats.path("elevation_gain_m").isNull()).isTrue();
        assertThat(bareStats.path("avg_heart_rate").isNull()).isTrue();
        assertThat(bareStats.path("max_heart_rate").isNull()).isTrue();
        assertThat(bareStats.path("avg_cadence").isNull()).isTrue();
        assertThat(bareStats.path("avg_pace_s_per_km").asDouble()).isEqualTo(358.0);
    }

    @Test
    void theOpenApiDocumentDescribesStats() {
        JsonNode document = server.get("/openapi.json", null).json();
        assertThat(document.path("paths").path("/api/v1/stats").path("get").isObject())
                .isTrue();
        assertThat(document.path("components")
                        .path("schemas")
                        .path("Run")
                        .path("properties")
                        .has("stats"))
                .isTrue();
    }

    private static JsonNode stats(String token, String query) {
        TestServer.Response response = server.get("/api/v1/stats?" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> starts(JsonNode stats) {
        List<String> starts = new ArrayList<>();
        stats.path("items").forEach(item -> starts.add(item.path("start").asText()));
        return starts;
    }

    private static void post(String token, String startedAt, int minutes, double distanceM) {
        post(token, startedAt, minutes, distanceM, "phone");
    }

    private static void post(String token, String startedAt, int minutes, double distanceM, String source) {
        TestServer.Response response = server.post("/api/v1/runs", token, run(startedAt, minutes, distanceM, source));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static Map<String, Object> run(String startedAt, int minutes, double distanceM, String source) {
        Instant start = Instant.parse(startedAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("started_at", start.toString());
        body.put("ended_at", start.plusSeconds(60L * minutes).toString());
        body.put("duration_s", 60 * minutes - 10);
        body.put("distance_m", distanceM);
        body.put("source", source);
        body.put("track", RunBodies.track(start, Math.min(minutes * 60, 600)));
        return body;
    }
}

package org.fitsync.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.app.testing.FakeOpenMeteo;
import org.fitsync.app.testing.StoredRuns;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Strava import end to end: FitSync nodes on a real PostgreSQL against the fake Strava over HTTP. */
class StravaImportTest {

    private static final long ATHLETE = 1;
    private static final Instant NEWEST = Instant.parse("2026-11-01T07:00:00Z");
    private static final Duration LONG = Duration.ofSeconds(90);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private FakeStrava strava(FakeStravaConfig config, int activities) {
        FakeStrava strava = FakeStrava.start(config);
        closeables.add(strava);
        strava.addActivities(ATHLETE, FakeStrava.history(5_000_000_000L, activities, NEWEST, 11));
        return strava;
    }

    private TestServer node(DatabaseSettings db, FakeStrava strava, Map<String, String> extra) {
        TestServer server = StravaFixture.start(db, strava, extra);
        closeables.add(server);
        return server;
    }

    private TestServer connectedNode(FakeStrava strava, Map<String, String> extra) throws Exception {
        TestServer server = node(PostgresTestDatabase.fresh(), strava, extra);
        TestServer.Response connected =
                StravaFixture.connect(server, strava, server.token("alice"), ATHLETE, "read,activity:read_all");
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().path("athlete_id").asLong()).isEqualTo(ATHLETE);
        return server;
    }

    private static long count(List<FakeActivity> activities, java.util.function.Predicate<FakeActivity> p) {
        return activities.stream().filter(p).count();
    }

    @Test
    void importsRunsOnlyFrom450MixedActivitiesAndSkipsThemAllOnReimport() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 450);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        List<FakeActivity> history = strava.activities(ATHLETE);
        long expectedRuns = count(history, FakeActivity::isRun);

        long started = System.nanoTime();
        String id = StravaFixture.startImport(server, token);
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("phase").asText()).isEqualTo("done");
        JsonNode progress = done.path("progress");
        assertThat(progress.path("fetched").asInt()).isEqualTo(450);
        assertThat(progress.path("imported").asLong()).isEqualTo(expectedRuns);
        assertThat(progress.path("skipped_not_run").asLong()).isEqualTo(450 - expectedRuns);
        assertThat(progress.path("skipped_duplicate").asInt()).isZero();
        assertThat(progress.path("failed").asInt()).isZero();
        assertThat(progress.path("estimated_total").asInt()).isEqualTo(450);
        assertThat(done.path("finished_at").asText()).isNotEmpty();

        // What a client reads back: every imported run with the mapping of docs/api.md, and nothing else.
        List<JsonNode> stored = StoredRuns.imported(server, token);
        assertThat(stored).hasSize((int) expectedRuns);
        assertThat(StoredRuns.all(server, token)).hasSize((int) expectedRuns);
        assertThat(stored.stream()
                        .map(r -> r.path("metadata").path("sport_type").asText())
                        .collect(Collectors.toSet()))
                .isSubsetOf(Set.of("Run", "TrailRun", "VirtualRun"));
        assertThat(stored.stream()
                        .map(r -> r.path("strava_id").asText())
                        .distinct()
                        .count())
                .isEqualTo(expectedRuns);
        FakeActivity sample =
                history.stream().filter(FakeActivity::storesTrack).findFirst().orElseThrow();
        JsonNode mapped = stored.stream()
                .filter(r -> r.path("strava_id").asText().equals(Long.toString(sample.id())))
                .findFirst()
                .orElseThrow();
        assertThat(mapped.path("source").asText()).isEqualTo("strava");
        assertThat(Instant.parse(mapped.path("started_at").asText())).isEqualTo(sample.startDate());
        assertThat(Instant.parse(mapped.path("ended_at").asText()))
                .isEqualTo(sample.startDate().plusSeconds(sample.elapsedSeconds()));
        assertThat(mapped.path("duration_s").asLong()).isEqualTo(sample.movingSeconds());
        assertThat(mapped.path("distance_m").asDouble()).isEqualTo(sample.distanceM());
        assertThat(mapped.path("metadata").path("name").asText()).isEqualTo(sample.name());
        assertThat(mapped.path("metadata").path("sport_type").asText()).isEqualTo(sample.sportType());
        assertThat(mapped.path("polyline").asText()).isNotEmpty();
        assertThat(mapped.path("weather").isNull()).as("weather is off").isTrue();
        JsonNode track = server.get("/api/v1/runs/" + mapped.path("id").asText() + "/track", token)
                .json()
                .path("points");
        assertThat(track.size())
                .isPositive()
                .isEqualTo(mapped.path("point_count").asInt());
        assertThat(Instant.ofEpochMilli(track.get(0).get(0).asLong())).isEqualTo(sample.startDate());
        assertThat(stored.stream()
                        .filter(r ->
                                r.path("metadata").path("sport_type").asText().equals("VirtualRun"))
                        .allMatch(r -> r.path("point_count").asInt() == 0
                                && r.path("polyline").asText().isEmpty()))
                .isTrue();
        long withTrack = count(history, FakeActivity::storesTrack);
        assertThat(stored.stream()
                        .filter(r -> r.path("point_count").asInt() > 0)
                        .count())
                .isEqualTo(withTrack);

        // One list call per page of 200 plus the empty page, one streams call per outdoor run.
        long outdoorRuns =
                count(history, a -> a.sportType().equals("Run") || a.sportType().equals("TrailRun"));
        assertThat(strava.requests("activities")).isEqualTo(4);
        assertThat(strava.requests("streams")).isEqualTo((int) outdoorRuns);
        System.out.printf(
                "STRAVA-IMPORT-450: %d provider API requests (%s), %d ms, %d runs imported%n",
                strava.apiRequests(), strava.requestCounts(), millis, expectedRuns);

        int before = strava.apiRequests();
        String again = StravaFixture.startImport(server, token);
        JsonNode second = StravaFixture.awaitFinished(server, token, again, LONG);
        assertThat(second.path("state").asText()).isEqualTo("completed");
        assertThat(second.path("progress").path("imported").asInt()).isZero();
        assertThat(second.path("progress").path("skipped_duplicate").asLong()).isEqualTo(expectedRuns);
        assertThat(second.path("progress").path("skipped_not_run").asLong()).isEqualTo(450 - expectedRuns);
        assertThat(StoredRuns.imported(server, token)).hasSize((int) expectedRuns);
        assertThat(StoredRuns.allStravaRows(server.database(), "alice"))
                .as("no row added or deleted")
                .isEqualTo((int) expectedRuns);
        assertThat(strava.apiRequests() - before)
                .as("a re-import fetches no streams")
                .isEqualTo(4);

        String metrics = server.get("/metrics", null).body();
        assertThat(metrics).contains("fitsync_import_activities_total{outcome=\"imported\"} " + expectedRuns + ".0");
        assertThat(metrics).contains("fitsync_imports_finished_total{state=\"completed\"} 2.0");

        JsonNode list = server.get("/api/v1/imports", token).json().path("items");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("id").asText()).isEqualTo(again);
    }

    @Test
    void aRunBreakingTheRunRulesIsCountedAsFailedAndTheRestAreStored() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 0);
        FakeActivity named = new FakeActivity(
                7001,
                "Ümit's \"tempo\" \\ run 🏃",
                "Run",
                Instant.parse("2026-11-18T07:00:00Z"),
                2400,
                2300,
                8000,
                true,
                48.1,
                11.5);
        // 50 km in 20 minutes of moving time: faster than any runner, so the run rules refuse it.
        FakeActivity rocket = new FakeActivity(
                7002, "GPS glitch", "Run", Instant.parse("2026-11-19T07:00:00Z"), 1300, 1200, 50_000, true, 48.1, 11.5);
        strava.addActivities(ATHLETE, List.of(named, rocket));
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");

        JsonNode done = StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);

        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("imported").asInt()).isEqualTo(1);
        assertThat(done.path("progress").path("failed").asInt()).isEqualTo(1);
        List<JsonNode> stored = StoredRuns.imported(server, token);
        assertThat(stored).extracting(r -> r.path("strava_id").asText()).containsExactly("7001");
        assertThat(stored.get(0).path("metadata").path("name").asText()).isEqualTo(named.name());
        assertThat(StoredRuns.allStravaRows(server.database(), "alice")).isEqualTo(1);
    }

    @Test
    void aRangedImportTakesOnlyTheActivitiesInTheRange() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 450);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        Instant after = NEWEST.minus(Duration.ofDays(400));
        Instant before = NEWEST.minus(Duration.ofDays(20));
        TestServer.Response started = server.post(
                "/api/v1/imports",
                token,
                Map.of("provider", "strava", "after", after.toString(), "before", before.toString()));
        assertThat(started.status()).isEqualTo(202);
        JsonNode done = StravaFixture.awaitFinished(
                server, token, started.json().path("id").asText(), LONG);
        List<FakeActivity> inRange = strava.activities(ATHLETE).stream()
                .filter(a -> a.startDate().isAfter(after) && a.startDate().isBefore(before))
                .toList();
        assertThat(done.path("progress").path("fetched").asInt()).isEqualTo(inRange.size());
        assertThat(StoredRuns.imported(server, token)).hasSize((int) count(inRange, FakeActivity::isRun));
        assertThat(server.post(
                                "/api/v1/imports",
                                token,
                                Map.of("provider", "strava", "after", before.toString(), "before", after.toString()))
                        .status())
                .isEqualTo(422);

        // Only a lower bound: newest first all the same, so the before-cursor still walks the whole range.
        String sinceId = server.post("/api/v1/imports", token, Map.of("provider", "strava", "after", after.toString()))
                .json()
                .path("id")
                .asText();
        JsonNode since = StravaFixture.awaitFinished(server, token, sinceId, LONG);
        long sinceCount = strava.activities(ATHLETE).stream()
                .filter(a -> a.startDate().isAfter(after))
                .count();
        assertThat(since.path("progress").path("fetched").asLong()).isEqualTo(sinceCount);
    }

    @Test
    void accessTokenExpiryMidImportRefreshesWithoutReusingARotatedOutToken() throws Exception {
        // Slow enough that the import is still running at each expiry.
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(15)), 300);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        for (int round = 0; round < 3; round++) {
            int threshold = 30 * (round + 1);
            StravaFixture.awaitImport(
                    server, token, id, n -> n.path("progress").path("imported").asInt() >= threshold, LONG);
            strava.expireAccessTokens();
        }
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("imported").asLong())
                .isEqualTo(count(strava.activities(ATHLETE), FakeActivity::isRun));
        assertThat(strava.refreshes()).isEqualTo(3);
        assertThat(strava.staleRefreshUses()).isZero();
    }

    @Test
    void smallRateLimitWindowsParkTheJobWhichWaitsAndCompletes() throws Exception {
        // 3-second windows with 15 reads each: an import of 60 activities needs several windows.
        FakeStrava strava = strava(FakeStravaConfig.generous().withRateLimits(Duration.ofSeconds(3), 15), 60);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        JsonNode parked = StravaFixture.awaitImport(
                server, token, id, n -> n.path("state").asText().equals("waiting_rate_limit"), LONG);
        // The next 3-second window, plus a margin of a tenth of it for clock differences.
        assertThat(Instant.parse(parked.path("resume_at").asText()).toEpochMilli() % 3000)
                .isEqualTo(300);
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("imported").asLong())
                .isEqualTo(count(strava.activities(ATHLETE), FakeActivity::isRun));
        // A request sent at the very end of a window may be counted in the next one by Strava; so "few", not none.
        assertThat(strava.tooManyRequests())
                .as("the client stays inside the limits it reads")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void aParkedImportStreamsHeartbeatsAndEndsWithItsCancellation() throws Exception {
        // Five reads per minute-long window: the import parks almost at once and stays parked.
        FakeStrava strava = strava(FakeStravaConfig.generous().withRateLimits(Duration.ofSeconds(60), 5), 50);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        StravaFixture.awaitImport(
                server, token, id, n -> n.path("state").asText().equals("waiting_rate_limit"), LONG);
        var response = server.client()
                .send(
                        server.request("/api/v1/imports/" + id + "/events", token)
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean cancelled = false;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(": heartbeat") && !cancelled) {
                    assertThat(server.post("/api/v1/imports/" + id + "/cancel", token, "")
                                    .status())
                            .isEqualTo(202);
                    cancelled = true;
                }
            }
        }
        List<String> data = lines.stream().filter(l -> l.startsWith("data: ")).toList();
        assertThat(server.json()
                        .readTree(data.get(0).substring(6))
                        .path("state")
                        .asText())
                .isEqualTo("waiting_rate_limit");
        assertThat(server.json()
                        .readTree(data.get(0).substring(6))
                        .path("resume_at")
                        .asText())
                .isNotEmpty();
        assertThat(server.json()
                        .readTree(data.get(data.size() - 1).substring(6))
                        .path("state")
                        .asText())
                .isEqualTo("cancelled");
    }

    @Test
    void transient503sAreRetriedAndTheImportCompletes() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 80);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        strava.failNext(3, 503);
        String id = StravaFixture.startImport(server, token);
        StravaFixture.awaitImport(
                server, token, id, n -> n.path("progress").path("imported").asInt() >= 5, LONG);
        strava.failNext(2, 502);
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("imported").asLong())
                .isEqualTo(count(strava.activities(ATHLETE), FakeActivity::isRun));
        assertThat(strava.injectedFailures()).isEqualTo(5);
    }

    @Test
    void anImportWhoseNodeStoppedIsFinishedByAnotherNodeFromTheCheckpoint() throws Exception {
        // Slow enough that the first node is still importing when it stops.
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(40)), 200);
        DatabaseSettings db = PostgresTestDatabase.fresh();
        TestServer first = node(db, strava, Map.of("FITSYNC_IMPORT_LEASE", "2s"));
        String token = first.token("alice");
        assertThat(StravaFixture.connect(first, strava, token, ATHLETE, "activity:read_all")
                        .status())
                .isEqualTo(200);
        String id = StravaFixture.startImport(first, token);
        StravaFixture.awaitImport(
                first, token, id, n -> n.path("progress").path("imported").asInt() >= 20, LONG);
        first.close();
        closeables.remove(first);
        int importedByFirst = StoredRuns.liveStravaRows(db, "alice");

        TestServer second = node(db, strava, Map.of("FITSYNC_IMPORT_LEASE", "2s"));
        JsonNode done = StravaFixture.awaitFinished(second, token, id, LONG);
        long expected = count(strava.activities(ATHLETE), FakeActivity::isRun);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(importedByFirst).isLessThan((int) expected);
        assertThat(importedByFirst).isPositive();
        List<JsonNode> stored = StoredRuns.imported(second, token);
        assertThat(stored).hasSize((int) expected);
        assertThat(stored.stream()
                        .map(r -> r.path("strava_id").asText())
                        .distinct()
                        .count())
                .isEqualTo(expected);
        // Not even a row deleted or rolled back into the table: each activity was stored exactly once.
        assertThat(StoredRuns.allStravaRows(db, "alice")).isEqualTo((int) expected);
        assertThat(StoredRuns.distinctStravaIds(db, "alice")).isEqualTo((int) expected);
        JsonNode progress = done.path("progress");
        assertThat(progress.path("fetched").asInt()).isEqualTo(200);
        assertThat(progress.path("imported").asInt()
                        + progress.path("skipped_duplicate").asInt())
                .isEqualTo((int) expected);
        assertThat(progress.path("imported").asInt()
                        + progress.path("skipped_duplicate").asInt()
                        + progress.path("skipped_not_run").asInt())
                .isEqualTo(200);
        // The second node resumed from the checkpoint instead of starting over: the only tracks fetched
        // twice are the few the stopped node had fetched ahead (4 in parallel) but not stored.
        long outdoorRuns = count(
                strava.activities(ATHLETE),
                a -> a.sportType().equals("Run") || a.sportType().equals("TrailRun"));
        assertThat(strava.requests("streams")).isLessThanOrEqualTo((int) outdoorRuns + 6);
    }

    @Test
    void aDeadNodesJobIsResumedFromItsCheckpointAfterTheLeaseExpires() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 120);
        TestServer server = connectedNode(strava, Map.of("FITSYNC_IMPORT_WORKERS", "0"));
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        // What a node that died mid-import leaves behind: a running job under a lapsed lease, with a checkpoint.
        List<FakeActivity> newestFirst = strava.activities(ATHLETE);
        FakeActivity checkpoint = newestFirst.get(49);
        try (Connection c =
                        PostgresTestDatabase.ownerDataSource(server.database()).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE import_jobs SET state = 'running', phase = 'importing', lease_owner = 'dead-node', "
                    + "lease_until = now() - interval '1 second', fetched = 50, skipped_not_run = 50, "
                    + "cursor_before = '" + checkpoint.startDate() + "' WHERE id = '" + id + "'");
        }
        TestServer worker = node(server.database(), strava, Map.of());
        JsonNode done = StravaFixture.awaitFinished(worker, token, id, LONG);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        long runsAfterCheckpoint = newestFirst.subList(50, 120).stream()
                .filter(FakeActivity::isRun)
                .count();
        assertThat(StoredRuns.imported(worker, token)).hasSize((int) runsAfterCheckpoint);
        assertThat(done.path("progress").path("fetched").asInt()).isEqualTo(120);
        assertThat(done.path("progress").path("imported").asLong()).isEqualTo(runsAfterCheckpoint);
    }

    @Test
    void cancellationStopsPromptlyAndKeepsWhatWasImported() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(50)), 300);
        TestServer server = connectedNode(strava, Map.of("FITSYNC_IMPORT_WORKERS", "1"));
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        StravaFixture.awaitImport(
                server, token, id, n -> n.path("progress").path("imported").asInt() >= 5, LONG);
        TestServer.Response cancelled = server.post("/api/v1/imports/" + id + "/cancel", token, "");
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("state").asText()).isEqualTo("cancelled");
        // Every run is stored in a transaction guarded by the job's lease, so once the cancel has committed
        // no further run of the job can commit: what is stored now is what the import keeps.
        int kept = StoredRuns.liveStravaRows(server.database(), "alice");
        // The node's only worker claims another job once it has let go of the cancelled one.
        String bob = server.token("bob");
        assertThat(StravaFixture.connect(server, strava, bob, 2, "activity:read")
                        .status())
                .isEqualTo(200);
        assertThat(StravaFixture.awaitFinished(server, bob, StravaFixture.startImport(server, bob), LONG)
                        .path("state")
                        .asText())
                .isEqualTo("completed");
        assertThat(StoredRuns.imported(server, token))
                .as("nothing imported after cancellation")
                .hasSize(kept);
        assertThat(kept).isGreaterThanOrEqualTo(5).isLessThan((int)
                count(strava.activities(ATHLETE), FakeActivity::isRun));
        JsonNode after = server.get("/api/v1/imports/" + id, token).json();
        assertThat(after.path("state").asText()).isEqualTo("cancelled");
        assertThat(server.post("/api/v1/imports/" + id + "/cancel", token, "").status())
                .isEqualTo(409);
        // The slot is free again.
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "strava"))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aSecondConcurrentImportIs409WithTheRunningImportsId() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(20)), 100);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        TestServer.Response second = server.post("/api/v1/imports", token, Map.of("provider", "strava"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.json().path("import_id").asText()).isEqualTo(id);

        String bob = server.token("bob");
        TestServer.Response notConnected = server.post("/api/v1/imports", bob, Map.of("provider", "strava"));
        assertThat(notConnected.status()).isEqualTo(409);
        assertThat(notConnected.json().path("type").asText())
                .isNotEqualTo(second.json().path("type").asText());
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "garmin"))
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "strava", "after", "yesterday"))
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "strava", "after", "0001-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "strava", "before", 12))
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/imports", token, "[]").status()).isIn(400, 422);
        assertThat(server.post("/api/v1/imports", token, Map.of()).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/imports", token, "{").status()).isEqualTo(400);
        // Another user's import is 404 through every import endpoint, and their cancel changes nothing.
        assertThat(server.get("/api/v1/imports/" + id, bob).status())
                .as("another user's import")
                .isEqualTo(404);
        assertThat(server.get("/api/v1/imports/" + id + "/events", bob).status())
                .as("another user's events")
                .isEqualTo(404);
        TestServer.Response foreignCancel = server.post("/api/v1/imports/" + id + "/cancel", bob, "{}");
        assertThat(foreignCancel.status()).as("another user's cancel").isEqualTo(404);
        assertThat(foreignCancel.body()).doesNotContain("strava");
        assertThat(server.get("/api/v1/imports", bob).json().path("items")).isEmpty();
        assertThat(server.get("/api/v1/imports/" + id, token)
                        .json()
                        .path("state")
                        .asText())
                .isNotEqualTo("cancelled");
        assertThat(server.get("/api/v1/imports/not-a-uuid", token).status()).isEqualTo(404);
        JsonNode paths = server.get("/openapi.json", null).json().path("paths");
        assertThat(paths.has("/api/v1/imports/{id}/events")).isTrue();
        assertThat(paths.has("/api/v1/webhooks/strava")).isTrue();
    }

    @Test
    void serverSentEventsDeliverProgressAndATerminalEvent() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(5)), 60);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        String id = StravaFixture.startImport(server, token);
        var request =
                server.request("/api/v1/imports/" + id + "/events", token).GET().build();
        var response = server.client().send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertThat(event).isEqualTo("progress");
                    events.add(server.json().readTree(line.substring(6)));
                }
            }
        }
        assertThat(events.size()).isGreaterThan(3);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("state").asText()).isEqualTo("completed");
        assertThat(events.stream()
                        .map(e -> e.path("progress").path("imported").asInt())
                        .toList())
                .isSorted();
        assertThat(server.get("/api/v1/imports/" + java.util.UUID.randomUUID() + "/events", token)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void sseFollowsAnImportRunByAnotherNode() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous().withLatency(Duration.ofMillis(5)), 40);
        DatabaseSettings db = PostgresTestDatabase.fresh();
        TestServer watcher = node(db, strava, Map.of("FITSYNC_IMPORT_WORKERS", "0"));
        String token = watcher.token("alice");
        assertThat(StravaFixture.connect(watcher, strava, token, ATHLETE, "activity:read")
                        .status())
                .isEqualTo(200);
        String id = StravaFixture.startImport(watcher, token);
        var response = watcher.client()
                .send(
                        watcher.request("/api/v1/imports/" + id + "/events", token)
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        node(db, strava, Map.of());
        String lastData = null;
        int events = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    lastData = line.substring(6);
                    events++;
                }
            }
        }
        assertThat(events).isGreaterThan(2);
        assertThat(watcher.json().readTree(lastData).path("state").asText()).isEqualTo("completed");
    }

    @Test
    void weatherDownStoresRunsWithoutWeather() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 30);
        TestServer server = connectedNode(
                strava, Map.of("FITSYNC_WEATHER", "open-meteo", "FITSYNC_WEATHER_BASE_URL", "http://127.0.0.1:9"));
        String token = server.token("alice");
        JsonNode done = StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("failed").asInt()).isZero();
        List<JsonNode> stored = StoredRuns.imported(server, token);
        assertThat(stored).hasSize((int) count(strava.activities(ATHLETE), FakeActivity::isRun));
        assertThat(stored).allMatch(r -> r.path("weather").isNull());
    }

    @Test
    void eachRunGetsTheWeatherOfItsStartHourAtItsStartPoint() throws Exception {
        FakeOpenMeteo weather = FakeOpenMeteo.start();
        closeables.add(weather);
        FakeStrava strava = strava(FakeStravaConfig.generous(), 30);
        TestServer server = connectedNode(
                strava,
                Map.of(
                        "FITSYNC_WEATHER",
                        "open-meteo",
                        "FITSYNC_WEATHER_BASE_URL",
                        weather.baseUrl().toString()));
        String token = server.token("alice");
        StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        List<FakeActivity> history = strava.activities(ATHLETE);
        List<JsonNode> stored = StoredRuns.imported(server, token);
        assertThat(stored).hasSize((int) count(history, FakeActivity::isRun));
        for (JsonNode run : stored) {
            FakeActivity source = history.stream()
                    .filter(a ->
                            Long.toString(a.id()).equals(run.path("strava_id").asText()))
                    .findFirst()
                    .orElseThrow();
            if (source.hasGps()) {
                JsonNode conditions = run.path("weather");
                int hour = source.startDate().atZone(java.time.ZoneOffset.UTC).getHour();
                assertThat(conditions.path("temperature_c").asInt()).isEqualTo(hour);
                assertThat(conditions.path("source").asText()).isEqualTo("open-meteo");
            } else {
                assertThat(run.path("weather").isNull())
                        .as("no GPS, no place for weather")
                        .isTrue();
            }
        }
        assertThat(weather.requests()).isEqualTo((int) count(history, a -> a.isRun() && a.hasGps()));
    }

    @Test
    void theCallbackRedirectsToTheReturnUrlWhenOneIsSet() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 0);
        TestServer server = node(
                PostgresTestDatabase.fresh(),
                strava,
                Map.of("FITSYNC_STRAVA_RETURN_URL", "https://app.example/strava/connected"));
        String token = server.token("alice");
        TestServer.Response response = StravaFixture.connect(server, strava, token, ATHLETE, "read,activity:read_all");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("https://app.example/strava/connected");
        JsonNode status = server.get("/api/v1/integrations/strava", token).json();
        assertThat(status.path("connected").asBoolean()).isTrue();
        assertThat(status.path("athlete_id").asLong()).isEqualTo(ATHLETE);
    }

    @Test
    void stravaDownDuringTheCallbackIs503AndConnectsNothing() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 0);
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of("FITSYNC_STRAVA_MAX_RETRIES", "1"));
        String token = server.token("alice");
        String url = server.get("/api/v1/integrations/strava/authorize", token)
                .json()
                .path("authorize_url")
                .asText();
        String state = url.replaceAll(".*[?&]state=([^&]*).*", "$1");
        strava.close();
        TestServer.Response response =
                server.get("/api/v1/integrations/strava/callback?code=c&state=" + state + "&scope=activity:read", null);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("30");
        assertThat(server.get("/api/v1/integrations/strava", token)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void webhookCreateImportsTheNewRunAndDeleteRemovesIt() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 0);
        TestServer server = connectedNode(strava, Map.of());
        TestServer.Response validation = server.get(
                "/api/v1/webhooks/strava?hub.mode=subscribe&hub.challenge=abc123&hub.verify_token=verify-me", null);
        assertThat(validation.status()).isEqualTo(200);
        assertThat(validation.json().path("hub.challenge").asText()).isEqualTo("abc123");
        assertThat(server.get("/api/v1/webhooks/strava?hub.mode=subscribe&hub.challenge=x&hub.verify_token=nope", null)
                        .status())
                .isEqualTo(403);

        FakeActivity run = new FakeActivity(
                987654321L,
                "Morning Run",
                "Run",
                Instant.parse("2026-11-20T07:00:00Z"),
                2710,
                2650,
                10012.5,
                true,
                52.52,
                13.40);
        strava.addActivities(ATHLETE, List.of(run));
        TestServer.Response accepted = server.post(
                "/api/v1/webhooks/strava",
                null,
                Map.of(
                        "aspect_type",
                        "create",
                        "event_time",
                        1795158000,
                        "object_id",
                        run.id(),
                        "object_type",
                        "activity",
                        "owner_id",
                        ATHLETE,
                        "subscription_id",
                        1,
                        "updates",
                        Map.of()));
        assertThat(accepted.status()).isEqualTo(200);
        String token = server.token("alice");
        awaitRuns(server, 1);
        JsonNode stored = StoredRuns.imported(server, token).get(0);
        assertThat(stored.path("strava_id").asText()).isEqualTo("987654321");
        assertThat(stored.path("metadata").path("name").asText()).isEqualTo("Morning Run");
        assertThat(stored.path("point_count").asInt()).isPositive();

        FakeActivity ride = new FakeActivity(
                987654322L,
                "Evening Ride",
                "Ride",
                Instant.parse("2026-11-20T17:00:00Z"),
                3600,
                3500,
                30000,
                true,
                52.52,
                13.40);
        strava.addActivities(ATHLETE, List.of(ride));
        postActivityEvent(server, "create", ride.id());
        JsonNode rideJob = awaitJobs(server, token, 2).get(0);
        JsonNode rideDone =
                StravaFixture.awaitFinished(server, token, rideJob.path("id").asText(), LONG);
        assertThat(rideDone.path("state").asText()).isEqualTo("completed");
        assertThat(rideDone.path("progress").path("fetched").asInt()).isEqualTo(1);
        assertThat(rideDone.path("progress").path("skipped_not_run").asInt()).isEqualTo(1);
        assertThat(StoredRuns.imported(server, token)).hasSize(1);

        // A delete event for an activity Strava still has is not believed (events are not signed).
        postActivityEvent(server, "delete", run.id());
        JsonNode deleteJob = awaitJobs(server, token, 3).get(0);
        assertThat(StravaFixture.awaitFinished(
                                server, token, deleteJob.path("id").asText(), LONG)
                        .path("state")
                        .asText())
                .isEqualTo("completed");
        assertThat(StoredRuns.imported(server, token)).hasSize(1);

        strava.removeActivity(ATHLETE, run.id());
        postActivityEvent(server, "delete", run.id());
        awaitRuns(server, 0);
        assertThat(server.post("/api/v1/webhooks/strava", null, Map.of("object_type", "activity"))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void webhookUpdateReplacesTheRunWithTheActivitysCurrentVersion() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 0);
        FakeActivity run = new FakeActivity(
                555L,
                "Morning Run",
                "Run",
                Instant.parse("2026-11-20T07:00:00Z"),
                2710,
                2650,
                10012.5,
                true,
                52.52,
                13.40);
        strava.addActivities(ATHLETE, List.of(run));
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        String before = StoredRuns.byStravaId(server, token, "555").path("id").asText();

        strava.removeActivity(ATHLETE, run.id());
        strava.addActivities(
                ATHLETE,
                List.of(new FakeActivity(
                        555L, "Renamed Run", "Run", run.startDate(), 2710, 2650, 10012.5, true, 52.52, 13.40)));
        server.post(
                "/api/v1/webhooks/strava",
                null,
                Map.of(
                        "aspect_type",
                        "update",
                        "object_id",
                        run.id(),
                        "object_type",
                        "activity",
                        "owner_id",
                        ATHLETE,
                        "updates",
                        Map.of("title", "Renamed Run")));
        JsonNode update = awaitJobs(server, token, 2).get(0);
        assertThat(StravaFixture.awaitFinished(server, token, update.path("id").asText(), LONG)
                        .path("state")
                        .asText())
                .isEqualTo("completed");

        JsonNode replaced = StoredRuns.byStravaId(server, token, "555");
        assertThat(replaced.path("metadata").path("name").asText()).isEqualTo("Renamed Run");
        // A fresh id: the old run's tombstone (which sync clients pull as a deletion) cannot block it.
        assertThat(replaced.path("id").asText()).isNotEqualTo(before);
        assertThat(server.get("/api/v1/runs/" + before, token).status()).isEqualTo(404);
        assertThat(StoredRuns.imported(server, token)).hasSize(1);
        assertThat(StoredRuns.liveStravaRows(server.database(), "alice")).isEqualTo(1);
    }

    /** The user's import jobs, newest first, once there are at least {@code expected} of them. */
    /** Strava's webhook event about one of the athlete's activities, as Strava would post it. */
    private static void postActivityEvent(TestServer server, String aspect, long activityId) {
        assertThat(server.post(
                                "/api/v1/webhooks/strava",
                                null,
                                Map.of(
                                        "aspect_type", aspect,
                                        "object_id", activityId,
                                        "object_type", "activity",
                                        "owner_id", ATHLETE))
                        .status())
                .isEqualTo(200);
    }

    private static JsonNode awaitJobs(TestServer server, String token, int expected) {
        JsonNode items = await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> server.get("/api/v1/imports", token).json().path("items"), i -> i.size() >= expected);
        assertThat(items).hasSize(expected);
        return items;
    }

    private static void awaitRuns(TestServer server, int expected) {
        String token = server.token("alice");
        await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> assertThat(StoredRuns.imported(server, token)).hasSize(expected));
    }

    @Test
    void disconnectDeletesStravaRunsKeepsTheRestAndDeauthorises() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 40);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        // The same run recorded by the phone: Strava outranks the phone, so its import supersedes it.
        FakeActivity twin = strava.activities(ATHLETE).stream()
                .filter(FakeActivity::storesTrack)
                .findFirst()
                .orElseThrow();
        String phone = postPhoneRun(server, token, twin);
        assertThat(server.get("/api/v1/runs/" + phone, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isFalse();
        long expected = count(strava.activities(ATHLETE), FakeActivity::isRun);
        StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        assertThat(StoredRuns.imported(server, token)).hasSize((int) expected);
        JsonNode superseded = server.get("/api/v1/runs/" + phone, token).json();
        String twinRun = StoredRuns.byStravaId(server, token, Long.toString(twin.id()))
                .path("id")
                .asText();
        assertThat(superseded.path("overlapping").asBoolean()).isTrue();
        assertThat(superseded.path("overlaps").toString()).contains(twinRun);
        JsonNode status = server.get("/api/v1/integrations/strava", token).json();
        assertThat(status.path("connected").asBoolean()).isTrue();
        assertThat(status.path("scopes").toString()).contains("activity:read_all");

        assertThat(server.delete("/api/v1/integrations/strava", token).status()).isEqualTo(204);
        assertThat(StoredRuns.imported(server, token)).isEmpty();
        assertThat(StoredRuns.all(server, token))
                .extracting(r -> r.path("id").asText())
                .containsExactly(phone);
        JsonNode alone = server.get("/api/v1/runs/" + phone, token).json();
        assertThat(alone.path("overlapping").asBoolean())
                .as("no longer superseded")
                .isFalse();
        assertThat(alone.path("overlaps")).isEmpty();
        assertThat(server.get("/api/v1/runs", token).json().path("items"))
                .extracting(r -> r.path("id").asText())
                .containsExactly(phone);
        assertThat(strava.deauthorized(ATHLETE)).isTrue();
        assertThat(server.get("/api/v1/integrations/strava", token)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isFalse();
        assertThat(server.post("/api/v1/imports", token, Map.of("provider", "strava"))
                        .status())
                .isEqualTo(409);

        // Connected again, the same activities come back as new runs: a deleted run's id is never reused.
        assertThat(StravaFixture.connect(server, strava, token, ATHLETE, "activity:read_all")
                        .status())
                .isEqualTo(200);
        JsonNode again = StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        assertThat(again.path("progress").path("imported").asLong()).isEqualTo(expected);
        assertThat(again.path("progress").path("failed").asInt()).isZero();
        assertThat(StoredRuns.imported(server, token))
                .hasSize((int) expected)
                .extracting(r -> r.path("id").asText())
                .doesNotContain(twinRun);
        assertThat(server.get("/api/v1/runs/" + phone, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isTrue();
    }

    private static String postPhoneRun(TestServer server, String token, FakeActivity twin) {
        String id = java.util.UUID.randomUUID().toString();
        TestServer.Response created = server.post(
                "/api/v1/runs",
                token,
                Map.of(
                        "id",
                        id,
                        "started_at",
                        twin.startDate().toString(),
                        "ended_at",
                        twin.startDate().plusSeconds(twin.elapsedSeconds()).toString(),
                        "duration_s",
                        twin.movingSeconds(),
                        "distance_m",
                        twin.distanceM(),
                        "source",
                        "phone"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    @Test
    void webhookDeauthorisationDisconnectsTheAthlete() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 20);
        TestServer server = connectedNode(strava, Map.of());
        String token = server.token("alice");
        StravaFixture.awaitFinished(server, token, StravaFixture.startImport(server, token), LONG);
        int imported = StoredRuns.imported(server, token).size();
        assertThat(imported).isPositive();
        Map<String, Object> deauthorization = Map.of(
                "aspect_type",
                "update",
                "object_id",
                ATHLETE,
                "object_type",
                "athlete",
                "owner_id",
                ATHLETE,
                "updates",
                Map.of("authorized", "false"));
        // Forged: Strava still accepts the user's tokens, so nothing is deleted.
        assertThat(server.post("/api/v1/webhooks/strava", null, deauthorization).status())
                .isEqualTo(200);
        // Webhook events are handled one at a time in order: once the job of a later event shows, the
        // deauthorisation has been dealt with. A ride, so its job stores no run.
        FakeActivity ride = strava.activities(ATHLETE).stream()
                .filter(a -> !a.isRun())
                .findFirst()
                .orElseThrow();
        postActivityEvent(server, "create", ride.id());
        JsonNode rideJob = awaitJobs(server, token, 2).get(0);
        assertThat(StravaFixture.awaitFinished(server, token, rideJob.path("id").asText(), LONG)
                        .path("state")
                        .asText())
                .isEqualTo("completed");
        assertThat(StoredRuns.imported(server, token)).hasSize(imported);
        assertThat(server.get("/api/v1/integrations/strava", token)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isTrue();

        strava.revoke(ATHLETE);
        server.post("/api/v1/webhooks/strava", null, deauthorization);
        awaitRuns(server, 0);
        assertThat(server.get("/api/v1/integrations/strava", token)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void tokensAreEncryptedAtRestAndTheCallbackChecksStateAndScope() throws Exception {
        FakeStrava strava = strava(FakeStravaConfig.generous(), 1);
        TestServer server = connectedNode(strava, Map.of());
        try (Connection c =
                        PostgresTestDatabase.ownerDataSource(server.database()).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT access_token, refresh_token FROM provider_connections")) {
            assertThat(rs.next()).isTrue();
            String access = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            String refresh = new String(rs.getBytes(2), StandardCharsets.ISO_8859_1);
            assertThat(access).doesNotContain("access-");
            assertThat(refresh).doesNotContain("refresh-");
        }
        String token = server.token("carol");
        TestServer.Response noScope = StravaFixture.connect(server, strava, token, 2, "read");
        assertThat(noScope.status()).isEqualTo(400);
        assertThat(server.get(
                                "/api/v1/integrations/strava/callback?code=x&state=forged.123.abc&scope=activity:read",
                                null)
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/integrations/strava/callback?code=x", null)
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/integrations/strava", token)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isFalse();
    }
}

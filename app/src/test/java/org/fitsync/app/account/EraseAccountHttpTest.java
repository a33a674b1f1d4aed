package org.fitsync.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.app.imports.StravaFixture;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * DELETE /api/v1/me against PostgreSQL, the filesystem blob store and a fake Strava: a user with data
 * in every table is erased, and then every column of every table of the schema that can hold text is
 * searched for their id. The tables come from the schema at test time, so a table added later that
 * the erasure forgets fails here; so does one the fixture below puts none of the user's data in.
 */
class EraseAccountHttpTest {

    /** Tables that can never name a user. */
    private static final Set<String> NEVER_NAME_A_USER = Set.of(
            // Flyway's own bookkeeping: migration names and checksums.
            "flyway_schema_history");

    private static final long ATHLETE_A = 71_000_001L;
    private static final long ATHLETE_B = 71_000_002L;
    private static final long ATHLETE_D = 71_000_004L;
    private static final byte[] GPX = ("<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"test\">"
                    + "<trk><type>running</type><trkseg>"
                    + "<trkpt lat=\"52.5\" lon=\"13.4\"><time>2026-10-01T07:00:00Z</time></trkpt>"
                    + "<trkpt lat=\"52.501\" lon=\"13.401\"><time>2026-10-01T07:01:00Z</time></trkpt>"
                    + "</trkseg></trk></gpx>")
            .getBytes(StandardCharsets.UTF_8);

    private static FakeStrava strava;
    private static TestServer server;
    private static Path blobs;

    @BeforeAll
    static void start() throws IOException {
        strava = FakeStrava.start(FakeStravaConfig.generous());
        strava.addActivities(
                ATHLETE_A, FakeStrava.history(6_100_000_000L, 6, Instant.parse("2026-09-01T07:00:00Z"), 5));
        blobs = Files.createTempDirectory("fitsync-erasure-blobs");
        server = StravaFixture.start(
                PostgresTestDatabase.fresh(),
                strava,
                Map.of("FITSYNC_FILES_DIR", blobs.toString(), "FITSYNC_FILES_POLL", "100ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
        strava.close();
    }

    @Test
    void theUserIsGoneFromEveryTableAndNobodyElseLosesAnything() throws Exception {
        String a = "erase-a-" + UUID.randomUUID();
        String client = "erase-b-" + UUID.randomUUID(); // A coaches B
        String coach = "erase-c-" + UUID.randomUUID(); // C coaches A
        String aToken = server.token(a, "coach");
        String clientToken = server.token(client);
        String coachToken = server.token(coach, "coach");
        ownData(a, aToken);
        ownData(client, clientToken);
        ownData(coach, coachToken);
        link(coachToken, aToken);
        link(aToken, clientToken);
        TestServer.Response corrected = server.put(
                "/api/v1/coach/clients/" + client + "/entries/2026-11-20", aToken, Map.of("notes", "well done"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        connectAndImport(aToken, ATHLETE_A);
        assertThat(StravaFixture.connect(server, strava, clientToken, ATHLETE_B, "read,activity:read_all")
                        .status())
                .isEqualTo(200);

        // An account export whose zip is in the blob store: the erasure deletes both.
        TestServer.Response export = server.post("/api/v1/me/export", aToken, Map.of());
        assertThat(export.status()).as(export.toString()).isEqualTo(202);
        String exportPath = "/api/v1/me/export/" + export.json().path("id").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.get(exportPath, aToken).json().path("state").asText(), "done"::equals);

        List<String> userTables = tablesWithUserId();
        assertThat(userTables).as("the fixture reaches").isNotEmpty();
        for (String table : userTables) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE user_id = ?", a))
                    .as("user A has data in %s: a new table needs a line in this test's fixture", table)
                    .isPositive();
        }
        Map<String, Long> aBefore = rowsNaming(a);
        Map<String, Long> clientBefore = rowsNaming(client);
        Map<String, Long> coachBefore = rowsNaming(coach);
        // The uploaded file and the export's zip.
        assertThat(storedBlobs(a)).isEqualTo(2);

        // A confirmation that is not the caller's id changes nothing.
        TestServer.Response wrong = erase(aToken, Map.of("confirm", client));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(erase(aToken, Map.of()).status()).isEqualTo(422);
        assertThat(rowsNaming(a)).isEqualTo(aBefore);

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger accountLog = (Logger) LoggerFactory.getLogger("org.fitsync.account");
        accountLog.setLevel(Level.INFO);
        accountLog.addAppender(log);
        log.start();
        TestServer.Response erased;
        try {
            erased = erase(aToken, Map.of("confirm", a));
        } finally {
            accountLog.detachAppender(log);
        }

        assertThat(log.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).startsWith("account erased").doesNotContain(a);
            assertThat(line.getMDCPropertyMap()).doesNotContainKey("user_id");
            assertThat(line.getMDCPropertyMap().values()).noneMatch(value -> value.contains(a));
        });
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        JsonNode body = erased.json();
        assertThat(body.path("erased").asBoolean()).isTrue();
        assertThat(body.path("strava").asText()).isEqualTo("revoked");
        assertThat(body.path("rows").path("runs").asLong()).isPositive();
        assertThat(body.path("files_deleted").asInt()).isEqualTo(2);
        assertThat(body.path("rows").path("account_exports").asLong()).isEqualTo(1);
        assertThat(server.get(exportPath, aToken).status()).isEqualTo(404);
        assertThat(strava.deauthorized(ATHLETE_A)).isTrue();
        assertThat(strava.deauthorized(ATHLETE_B)).isFalse();

        assertThat(rowsNaming(a)).as("rows still naming the erased user").isEmpty();
        assertThat(storedBlobs(a)).isZero();
        // Coach links go in both directions: A's link to their client, and their coach's link to A;
        // the pairing code A issued (which names the coach who redeemed it) goes with A.
        assertThat(rowsNaming(client)).isEqualTo(withoutOneRowOf(clientBefore, "coach_links"));
        assertThat(rowsNaming(coach)).isEqualTo(withoutOneRowOf(coachBefore, "coach_links", "pairing_codes"));
        assertThat(storedBlobs(client)).isEqualTo(1);
        // The client keeps the value A entered as their coach, now without an author.
        JsonNode day = server.get("/api/v1/entries?from=2026-11-20&to=2026-11-20", clientToken)
                .json()
                .path("items")
                .get(0);
        assertThat(day.toString()).contains("well done").doesNotContain(a);
        assertThat(server.get("/api/v1/coach/clients", coachToken).json().path("items"))
                .isEmpty();

        // A token issued before the erasure stays valid until it expires: it sees an empty account.
        assertThat(server.get("/api/v1/runs", aToken).json().path("items")).isEmpty();
        assertThat(server.get("/api/v1/integrations/strava", aToken)
                        .json()
                        .path("connected")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void whenStravaCannotBeToldTheAccountIsErasedAnywayAndTheAnswerSaysSo() throws Exception {
        String d = "erase-d-" + UUID.randomUUID();
        String token = server.token(d);
        assertThat(StravaFixture.connect(server, strava, token, ATHLETE_D, "read,activity:read_all")
                        .status())
                .isEqualTo(200);
        postRun(token);
        int calls = strava.deauthorizeCalls();
        strava.deauthorizeDown(true);
        try {
            TestServer.Response erased = erase(token, Map.of("confirm", d));

            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            assertThat(erased.json().path("strava").asText()).isEqualTo("failed");
            assertThat(erased.json().path("strava_detail").asText()).contains("Strava");
        } finally {
            strava.deauthorizeDown(false);
        }
        assertThat(strava.deauthorizeCalls()).isGreaterThan(calls);
        assertThat(strava.deauthorized(ATHLETE_D)).isFalse();
        assertThat(rowsNaming(d)).isEmpty();
    }

    @Test
    void anImportRunningForTheUserStopsAndStoresNothingMore() throws Exception {
        long athlete = 71_000_005L;
        long other = 71_000_006L;
        Instant newest = Instant.parse("2026-08-01T07:00:00Z");
        strava.addActivities(athlete, FakeStrava.history(6_200_000_000L, 150, newest, 7));
        strava.addActivities(other, FakeStrava.history(6_300_000_000L, 3, newest, 8));
        // One import worker: the other user's import can only run once the erased user's has stopped.
        try (TestServer node =
                StravaFixture.start(PostgresTestDatabase.fresh(), strava, Map.of("FITSYNC_IMPORT_WORKERS", "1"))) {
            String f = "erase-f-" + UUID.randomUUID();
            String token = node.token(f);
            String otherToken = node.token("erase-g-" + UUID.randomUUID());
            assertThat(StravaFixture.connect(node, strava, token, athlete, "read,activity:read_all")
                            .status())
                    .isEqualTo(200);
            assertThat(StravaFixture.connect(node, strava, otherToken, other, "read,activity:read_all")
                            .status())
                    .isEqualTo(200);
            strava.setLatency(Duration.ofMillis(20));
            try {
                String job = StravaFixture.startImport(node, token);
                StravaFixture.awaitImport(
                        node,
                        token,
                        job,
                        status -> status.path("progress").path("imported").asInt() >= 3,
                        Duration.ofSeconds(60));

                TestServer.Response erased = send(node, token, Map.of("confirm", f));
                assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

                JsonNode next = StravaFixture.awaitFinished(
                        node, otherToken, StravaFixture.startImport(node, otherToken), Duration.ofSeconds(60));
                assertThat(next.path("state").asText()).isEqualTo("completed");
            } finally {
                strava.setLatency(Duration.ZERO);
            }
            assertThat(rowsNaming(node, f)).as("rows naming the erased user").isEmpty();
            assertThat(node.get("/api/v1/runs", token).json().path("items")).isEmpty();
        }
    }

    @Test
    void aUserWithoutDataCanBeErased() {
        String e = "erase-e-" + UUID.randomUUID();
        TestServer.Response erased = erase(server.token(e), Map.of("confirm", e));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().path("strava").asText()).isEqualTo("not_connected");
        assertThat(rowsNaming(e)).isEmpty();
    }

    private static Map<String, Long> withoutOneRowOf(Map<String, Long> rows, String... tables) {
        Map<String, Long> expected = new TreeMap<>(rows);
        for (String table : tables) {
            assertThat(expected.remove(table)).as(table).isEqualTo(1L);
        }
        return expected;
    }

    /** A user's own data in every table a user writes through the API. */
    private static void ownData(String user, String token) {
        String run = postRun(token);
        assertThat(server.put(
                                "/api/v1/privacy",
                                token,
                                Map.of(
                                        "zones",
                                        List.of(Map.of("lat", 52.5, "lon", 13.4, "radius_m", 200)),
                                        "hide_start_end_m",
                                        100))
                        .status())
                .isEqualTo(200);
        assertThat(server.post("/api/v1/runs/" + run + "/share", token, "").status())
                .isEqualTo(201);
        assertThat(server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 4321))
                        .status())
                .isEqualTo(200);
        Map<String, Object> night = Map.of(
                "date", "2026-11-20",
                "start", "2026-11-19T23:00:00Z",
                "end", "2026-11-20T06:00:00Z",
                "total_min", 420);
        TestServer.Response sleep =
                server.post("/api/v1/ingest/sleep", token, Map.of("source", "health_connect", "items", List.of(night)));
        assertThat(sleep.status()).as(sleep.toString()).isEqualTo(200);
        long now = System.currentTimeMillis();
        Map<String, Object> created = new HashMap<>(Map.of("id", "w1", "name", "Leg day", "updated_at", now));
        created.put("_status", "created");
        created.put("_changed", "");
        Map<String, Object> changes =
                Map.of("workouts", Map.of("created", List.of(created), "updated", List.of(), "deleted", List.of()));
        Map<String, Object> push = new HashMap<>();
        push.put("changes", changes);
        push.put("last_pulled_at", null);
        TestServer.Response pushed = server.post("/api/v1/sync", token, push);
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();
        Map<String, Object> delete = new HashMap<>();
        delete.put(
                "changes",
                Map.of("workouts", Map.of("created", List.of(), "updated", List.of(), "deleted", List.of("w1"))));
        delete.put("last_pulled_at", cursor);
        assertThat(server.post("/api/v1/sync", token, delete).status()).isEqualTo(200);
        TestServer.Response file = server.send(server.request("/api/v1/files/direct?filename=morning.gpx", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(GPX))
                .header("Content-Type", "application/octet-stream")
                .build());
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        TestServer.Response signedIn = server.post("/api/v1/auth/link", null, Map.of("link", server.signInLink(user)));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        // The purge horizon is written only by the tombstone purge, which runs days later: set it directly.
        update("INSERT INTO sync_purge_horizons (user_id, version) VALUES (?, 1)", user);
    }

    /**
     * A five-minute run at a jogger's 2.6 m/s, long enough for a 400 m best effort; returns its id.
     */
    private static String postRun(String token) {
        Instant start = Instant.parse("2026-11-20T07:00:00Z")
                .plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
        List<List<Object>> track = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            track.add(List.of(start.plusSeconds(i).toEpochMilli(), 52.5 + i * 0.00002, 13.4 + i * 0.00002, 40.0));
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("started_at", start.toString());
        run.put("ended_at", start.plusSeconds(300).toString());
        run.put("duration_s", 300);
        run.put("distance_m", 780.0);
        run.put("source", "phone");
        run.put("track", track);
        TestServer.Response posted = server.post("/api/v1/runs", token, run);
        assertThat(posted.status()).as(posted.toString()).isIn(200, 201);
        return id;
    }

    /** The client issues a pairing code, the coach redeems it. */
    private static void link(String coachToken, String clientToken) {
        TestServer.Response issued = server.post("/api/v1/pairing-codes", clientToken, "");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        TestServer.Response linked = server.post(
                "/api/v1/coach/clients",
                coachToken,
                Map.of("code", issued.json().path("code").asText()));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    }

    private static void connectAndImport(String token, long athlete) throws Exception {
        TestServer.Response connected = StravaFixture.connect(server, strava, token, athlete, "read,activity:read_all");
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        JsonNode done = StravaFixture.awaitFinished(
                server, token, StravaFixture.startImport(server, token), Duration.ofSeconds(60));
        assertThat(done.path("state").asText()).isEqualTo("completed");
    }

    private static TestServer.Response erase(String token, Object body) {
        return send(server, token, body);
    }

    private static TestServer.Response send(TestServer node, String token, Object body) {
        try {
            return node.send(node.request("/api/v1/me", token)
                    .method(
                            "DELETE",
                            HttpRequest.BodyPublishers.ofByteArray(server.json().writeValueAsBytes(body)))
                    .header("Content-Type", "application/json")
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every base table of the schema with a user_id column. */
    private static List<String> tablesWithUserId() {
        return strings("""
                SELECT c.table_name FROM information_schema.columns c
                  JOIN information_schema.tables t USING (table_schema, table_name)
                 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = 'user_id'
                 ORDER BY 1""");
    }

    /**
     * For every table of the schema, how many rows have a column whose text contains {@code user}
     * (text, varchar, uuid, json and arrays alike); tables with none are left out.
     */
    private static Map<String, Long> rowsNaming(String user) {
        return rowsNaming(server, user);
    }

    private static Map<String, Long> rowsNaming(TestServer node, String user) {
        Map<String, List<String>> columns = new TreeMap<>();
        for (String row : strings(node, """
                SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
                  JOIN information_schema.tables t USING (table_schema, table_name)
                 WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                   AND c.data_type NOT IN ('bytea', 'boolean', 'smallint', 'integer', 'bigint', 'real',
                                           'double precision', 'numeric', 'date', 'timestamp with time zone',
                                           'timestamp without time zone', 'interval')
                 ORDER BY 1""")) {
            int dot = row.indexOf('.');
            columns.computeIfAbsent(row.substring(0, dot), t -> new ArrayList<>())
                    .add(row.substring(dot + 1));
        }
        assertThat(columns).as("the schema's tables").containsKeys("runs", "sync_records", "flyway_schema_history");
        Map<String, Long> naming = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            if (NEVER_NAME_A_USER.contains(table.getKey())) {
                continue;
            }
            String any = String.join(
                    " OR ",
                    table.getValue().stream()
                            .map(column -> "strpos(\"" + column + "\"::text, ?) > 0")
                            .toList());
            Object[] params = table.getValue().stream().map(c -> user).toArray();
            long rows = count(node, "SELECT count(*) FROM \"" + table.getKey() + "\" WHERE " + any, params);
            if (rows > 0) {
                naming.put(table.getKey(), rows);
            }
        }
        return naming;
    }

    /** The files kept for {@code user}: the blob store's directory of that user. */
    private static long storedBlobs(String user) throws IOException {
        Path dir = blobs.resolve(
                Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static DataSource owner() {
        return server.ownerDataSource();
    }

    private static long count(String sql, Object... params) {
        return count(server, sql, params);
    }

    private static long count(TestServer node, String sql, Object... params) {
        try (Connection c = node.ownerDataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void update(String sql, Object... params) {
        try (Connection c = owner().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<String> strings(String sql) {
        return strings(server, sql);
    }

    private static List<String> strings(TestServer node, String sql) {
        try (Connection c = node.ownerDataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

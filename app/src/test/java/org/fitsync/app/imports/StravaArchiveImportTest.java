package org.fitsync.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.app.testing.StoredRuns;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Strava archive import end to end: a Strava account export built from the reader's sample files,
 * uploaded through the files API and imported as an import job on a real PostgreSQL.
 */
class StravaArchiveImportTest {

    private static final Path SAMPLES = Path.of("../adapter-files/src/test/resources/samples");
    private static final long ATHLETE = 1;
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final DateTimeFormatter CSV_DATE = DateTimeFormatter.ofPattern(
                    "MMM d, yyyy, h:mm:ss a", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,"
            + "Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,"
            + "Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,"
            + "Distance\n";

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private FakeStrava strava() {
        FakeStrava strava = FakeStrava.start(FakeStravaConfig.generous());
        closeables.add(strava);
        return strava;
    }

    private TestServer node(DatabaseSettings db, FakeStrava strava, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.putIfAbsent("FITSYNC_FILES_DIR", tempDir().toString());
        env.putIfAbsent("FITSYNC_FILES_SECRET", "archive-test-secret-0123456789-abcdefghijkl");
        TestServer server = StravaFixture.start(db, strava, env);
        closeables.add(server);
        return server;
    }

    private static Path shared;

    private static synchronized Path tempDir() {
        try {
            if (shared == null) {
                shared = Files.createTempDirectory("fitsync-archive-blobs");
            }
            return shared;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- building archives ----------------------------------------------------------------------

    /** One csv line; quotes every text field, so names with commas, quotes and newlines survive. */
    private static String csvRow(
            long id,
            Instant date,
            String name,
            String type,
            String description,
            long elapsed,
            double metres,
            String filename) {
        return id + "," + quote(CSV_DATE.format(date)) + "," + quote(name) + "," + quote(type) + ","
                + quote(description) + "," + elapsed + "," + String.format(Locale.ROOT, "%.2f", metres / 1000)
                + ",,,false,,," + quote(filename) + ",,," + elapsed + ".0," + elapsed + ".0,"
                + String.format(Locale.ROOT, "%.1f", metres) + "\n";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A small GPX run of {@code points} one-second points starting at {@code start}. */
    private static byte[] gpx(Instant start, int points) {
        StringBuilder gpx = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                + "<trk><type>running</type><trkseg>");
        for (int i = 0; i < points; i++) {
            gpx.append(String.format(
                    Locale.ROOT,
                    "<trkpt lat=\"%.6f\" lon=\"13.400000\"><time>%s</time></trkpt>",
                    52.5 + i * 0.00003,
                    start.plusSeconds(i)));
        }
        return gpx.append("</trkseg></trk></gpx>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} GPX runs a day apart, newest first from {@code newest}; ids from 900000. */
    private static byte[] gpxArchive(int count, Instant newest) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            Instant start = newest.minus(Duration.ofDays(i));
            String file = "activities/" + (900000 + i) + ".gpx";
            entries.put(file, gpx(start, 300));
            csv.append(csvRow(900000 + i, start, "Run " + i, "Run", "", 299, 300, file));
        }
        entries.put("activities.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return zip(entries);
    }

    private static String upload(TestServer server, String token, byte[] zip) {
        TestServer.Response uploaded = server.post("/api/v1/files/direct?filename=export.zip", token, zip);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().path("id").asText();
    }

    private static TestServer.Response startArchive(TestServer server, String token, String fileId) {
        return server.post("/api/v1/imports", token, Map.of("provider", "strava_archive", "file_id", fileId));
    }

    private static String started(TestServer.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().path("id").asText();
    }

    // ---- tests ----------------------------------------------------------------------------------

    @Test
    void importsTheRunsOfAnExportWithoutAStravaConnectionAndTheApiImportSkipsThemLater() throws Exception {
        FakeStrava strava = strava();
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of());
        String token = server.token("alice");
        Instant day = Instant.parse("2026-10-01T07:00:12Z");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // The csv last, as Strava's own exports may order it.
        entries.put("activities/123.fit.gz", gzip(sample("run-hr-cadence-devfield.fit")));
        entries.put("activities/124.gpx.gz", sample("run-gpsbabel.gpx.gz"));
        entries.put("activities/125.tcx.gz", sample("run-gpsbabel.tcx.gz"));
        entries.put("activities/126.fit", sample("ride-cycling.fit"));
        entries.put("activities/127.fit", sample("treadmill-no-gps.fit"));
        entries.put(
                "activities.csv",
                (HEADER
                                + csvRow(
                                        123,
                                        day,
                                        "Tempo, \"hard\"",
                                        "Run",
                                        "Legs\nheavy",
                                        1800,
                                        5000,
                                        "activities/123.fit.gz")
                                + csvRow(
                                        124,
                                        day.minus(Duration.ofDays(1)),
                                        "Trail",
                                        "Trail Run",
                                        "",
                                        1800,
                                        5000,
                                        "activities/124.gpx.gz")
                                + csvRow(
                                        125,
                                        day.minus(Duration.ofDays(2)),
                                        "Same, as TCX",
                                        "Run",
                                        "",
                                        1800,
                                        5000,
                                        "activities/125.tcx.gz")
                                + csvRow(
                                        126,
                                        day.minus(Duration.ofDays(3)),
                                        "Commute",
                                        "Ride",
                                        "",
                                        1800,
                                        15000,
                                        "activities/126.fit")
                                + csvRow(
                                        127,
                                        day.minus(Duration.ofDays(4)),
                                        "Treadmill",
                                        "Run",
                                        "",
                                        1800,
                                        5000,
                                        "activities/127.fit")
                                + csvRow(
                                        128,
                                        day.minus(Duration.ofDays(5)),
                                        "Manual",
                                        "Run",
                                        "by hand",
                                        3600,
                                        10000,
                                        ""))
                        .getBytes(StandardCharsets.UTF_8));
        String fileId = upload(server, token, zip(entries));

        // Not connected to Strava: an archive needs no connection.
        String id = started(startArchive(server, token, fileId));
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);

        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("provider").asText()).isEqualTo("strava_archive");
        assertThat(done.path("file_id").asText()).isEqualTo(fileId);
        JsonNode progress = done.path("progress");
        assertThat(progress.path("fetched").asInt()).isEqualTo(6);
        assertThat(progress.path("imported").asInt()).isEqualTo(5);
        assertThat(progress.path("skipped_not_run").asInt()).isEqualTo(1);
        assertThat(progress.path("failed").asInt()).isZero();

        List<JsonNode> runs = StoredRuns.imported(server, token);
        assertThat(runs.stream().map(r -> r.path("strava_id").asText()))
                .containsExactlyInAnyOrder("123", "124", "125", "127", "128");
        JsonNode fit = StoredRuns.byStravaId(server, token, "123");
        assertThat(fit.path("metadata").path("name").asText()).isEqualTo("Tempo, \"hard\"");
        assertThat(fit.path("metadata").path("description").asText()).isEqualTo("Legs\nheavy");
        assertThat(fit.path("metadata").path("sport_type").asText()).isEqualTo("Run");
        assertThat(fit.path("source").asText()).isEqualTo("strava");
        assertThat(Instant.parse(fit.path("started_at").asText()))
                .as("the file's start wins")
                .isNotEqualTo(day);
        JsonNode track = server.get("/api/v1/runs/" + fit.path("id").asText() + "/track", token)
                .json();
        assertThat(track.path("samples").path("heart_rate").size()).isPositive();
        assertThat(StoredRuns.byStravaId(server, token, "124")
                        .path("metadata")
                        .path("sport_type")
                        .asText())
                .isEqualTo("TrailRun");
        JsonNode manual = StoredRuns.byStravaId(server, token, "128");
        assertThat(Instant.parse(manual.path("started_at").asText())).isEqualTo(day.minus(Duration.ofDays(5)));
        assertThat(manual.path("distance_m").asDouble()).isEqualTo(10000.0);
        assertThat(manual.path("point_count").asInt()).isZero();

        // A later Strava API import lists the same activities: they are duplicates, the new one is imported.
        TestServer.Response connected = StravaFixture.connect(server, strava, token, ATHLETE, "read,activity:read_all");
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        strava.addActivities(
                ATHLETE,
                List.of(
                        new FakeActivity(123, "Tempo", "Run", startOf(fit), 1800, 1700, 5000, false, 52.5, 13.4),
                        new FakeActivity(
                                128,
                                "Manual",
                                "Run",
                                day.minus(Duration.ofDays(5)),
                                3600,
                                3600,
                                10000,
                                false,
                                52.5,
                                13.4),
                        new FakeActivity(
                                555, "New", "Run", day.plus(Duration.ofDays(3)), 1800, 1700, 5000, false, 52.5, 13.4)));
        String api = StravaFixture.startImport(server, token);
        JsonNode apiDone = StravaFixture.awaitFinished(server, token, api, LONG);
        assertThat(apiDone.path("state").asText()).isEqualTo("completed");
        assertThat(apiDone.path("progress").path("skipped_duplicate").asInt()).isEqualTo(2);
        assertThat(apiDone.path("progress").path("imported").asInt()).isEqualTo(1);
        assertThat(StoredRuns.imported(server, token)).hasSize(6);
    }

    private static Instant startOf(JsonNode run) {
        return Instant.parse(run.path("started_at").asText());
    }

    @Test
    void startingNeedsTheUsersOwnUploadedZip() {
        FakeStrava strava = strava();
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of());
        String alice = server.token("alice");
        String bob = server.token("bob");
        String bobsZip = upload(server, bob, gpxArchive(1, Instant.parse("2026-10-01T07:00:00Z")));

        TestServer.Response foreign = startArchive(server, alice, bobsZip);
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
        assertThat(foreign.json().path("errors").get(0).path("field").asText()).isEqualTo("file_id");
        assertThat(startArchive(server, alice, java.util.UUID.randomUUID().toString())
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/imports", alice, Map.of("provider", "strava_archive"))
                        .status())
                .isEqualTo(422);
        TestServer.Response gpxFile = server.post(
                "/api/v1/files/direct?filename=run.gpx", alice, gpx(Instant.parse("2026-10-01T07:00:00Z"), 10));
        assertThat(startArchive(server, alice, gpxFile.json().path("id").asText())
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aCancelledArchiveImportStopsAndKeepsWhatItImported() throws Exception {
        FakeStrava strava = strava();
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of());
        String token = server.token("alice");
        String fileId = upload(server, token, gpxArchive(200, Instant.parse("2026-10-01T07:00:00Z")));
        String id = started(startArchive(server, token, fileId));
        StravaFixture.awaitImport(
                server, token, id, n -> n.path("progress").path("imported").asInt() > 0, LONG);

        TestServer.Response cancelled = server.post("/api/v1/imports/" + id + "/cancel", token, "");
        assertThat(cancelled.status()).isEqualTo(202);
        JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);

        assertThat(done.path("state").asText()).isEqualTo("cancelled");
        int imported = StoredRuns.imported(server, token).size();
        assertThat(imported).isPositive().isLessThan(200);
        // Each run commits with the checkpoint past it, under the lease: nothing lands after the cancel.
        assertThat(StoredRuns.imported(server, token)).hasSize(imported);
    }

    @Test
    void aDeadNodesArchiveImportIsResumedFromItsCheckpoint() throws Exception {
        FakeStrava strava = strava();
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of("FITSYNC_IMPORT_WORKERS", "0"));
        String token = server.token("alice");
        Instant newest = Instant.parse("2026-10-01T07:00:00Z");
        String fileId = upload(server, token, gpxArchive(10, newest));
        String id = started(startArchive(server, token, fileId));
        Instant checkpoint = newest.minus(Duration.ofDays(3)); // the four newest were processed
        try (Connection c =
                        PostgresTestDatabase.ownerDataSource(server.database()).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE import_jobs SET state = 'running', phase = 'importing', lease_owner = 'dead-node', "
                    + "lease_until = now() - interval '1 second', fetched = 4, failed = 4, "
                    + "cursor_before = '" + checkpoint + "' WHERE id = '" + id + "'");
        }
        TestServer worker = node(server.database(), strava, Map.of());
        JsonNode done = StravaFixture.awaitFinished(worker, token, id, LONG);

        assertThat(done.path("state").asText()).isEqualTo("completed");
        assertThat(done.path("progress").path("fetched").asInt()).isEqualTo(10);
        assertThat(done.path("progress").path("imported").asInt()).isEqualTo(6);
        assertThat(StoredRuns.imported(worker, token).stream()
                        .map(r -> r.path("strava_id").asText()))
                .containsExactlyInAnyOrder("900004", "900005", "900006", "900007", "900008", "900009");
    }

    @Test
    void hostileArchivesFailTheImportWithAClearErrorType() throws Exception {
        FakeStrava strava = strava();
        TestServer server = node(PostgresTestDatabase.fresh(), strava, Map.of("FITSYNC_MAX_BODY_BYTES", "64MiB"));
        String token = server.token("alice");
        byte[] csv = (HEADER + csvRow(1, Instant.parse("2026-10-01T07:00:00Z"), "r", "Run", "", 60, 100, ""))
                .getBytes(StandardCharsets.UTF_8);

        Map<String, byte[]> many = new LinkedHashMap<>();
        many.put("activities.csv", csv);
        for (int i = 0; i <= 50_000; i++) {
            many.put("activities/" + i + ".gpx", new byte[0]);
        }
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("activities.csv", csv);
        bomb.put("activities/1.gpx", new byte[20 << 20]);
        Map<String, byte[]> climbing = new LinkedHashMap<>();
        climbing.put("../activities.csv", csv);

        for (Map.Entry<Map<String, byte[]>, String> hostile : List.of(
                Map.entry(many, "archive_unsafe"),
                Map.entry(bomb, "archive_unsafe"),
                Map.entry(climbing, "archive_invalid"))) {
            String id = started(startArchive(server, token, upload(server, token, zip(hostile.getKey()))));
            JsonNode done = StravaFixture.awaitFinished(server, token, id, LONG);
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("failed");
            assertThat(done.path("error").path("type").asText()).isEqualTo(hostile.getValue());
            assertThat(done.path("error").path("detail").asText()).isNotEmpty();
        }
        assertThat(StoredRuns.imported(server, token)).isEmpty();
    }
}

package org.fitsync.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fitsync.adapter.blobs.account.SignedExportLinks;
import org.fitsync.app.testing.TestServer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.ExportId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account export job against PostgreSQL: POST starts it, GET follows it to a signed download
 * link, the zip holds every kind of entry, and its GPX files, uploaded again as activity files by
 * another user, give back the same runs (whose export then holds those files as originals). Another
 * user sees nothing of an export; a link fetches its own export only, and only until it expires; a
 * job left by a dead node is resumed by another.
 */
class AccountExportHttpTest {

    private static TestServer server;
    /** A node with no export workers: its jobs stay queued until another node claims them. */
    private static TestServer idle;

    private static Path idleBlobs;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_DIR",
                Files.createTempDirectory("fitsync-export-blobs").toString(),
                "FITSYNC_FILES_POLL",
                "100ms",
                "FITSYNC_EXPORT_POLL",
                "100ms"));
        idleBlobs = Files.createTempDirectory("fitsync-export-idle-blobs");
        idle = TestServer.start(Map.of("FITSYNC_FILES_DIR", idleBlobs.toString(), "FITSYNC_EXPORT_WORKERS", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
        idle.close();
    }

    @Test
    void theExportJobHoldsEveryKindOfEntryAndItsGpxReimportsAsTheSameRuns() throws Exception {
        String alice = server.token("export-alice-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(postRun(alice, Instant.parse("2026-10-0" + (i + 1) + "T06:30:00Z"), 120 + 30 * i));
        }
        TestServer.Response day =
                server.put("/api/v1/entries/2026-10-02", alice, Map.of("steps", 9000, "notes", "hills, then \"easy\""));
        assertThat(day.status()).isEqualTo(200);
        Map<String, Object> night = new LinkedHashMap<>();
        night.put("date", "2026-10-02");
        night.put("start", "2026-10-01T22:40:00Z");
        night.put("end", "2026-10-02T06:10:00Z");
        night.put("total_min", 431);
        night.put("deep_min", 80);
        night.put("light_min", 250);
        night.put("rem_min", 90);
        night.put("awake_min", 11);
        TestServer.Response sleep =
                server.post("/api/v1/ingest/sleep", alice, Map.of("source", "healthkit", "items", List.of(night)));
        assertThat(sleep.status()).as(sleep.toString()).isEqualTo(200);
        pushWorkout(alice);

        TestServer.Response started = server.post("/api/v1/me/export", alice, Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("id").asText();
        assertThat(started.header("Location")).isEqualTo("/api/v1/me/export/" + id);
        assertThat(started.json().path("state").asText()).isIn("queued", "running", "done");
        assertThat(started.json().path("progress").has("runs_done")).isTrue();
        assertThat(started.json().path("created_at").asText()).isNotEmpty();
        JsonNode done = awaitDone(server, alice, id);
        assertThat(done.path("progress").path("runs_done").asInt()).isEqualTo(3);
        assertThat(done.path("progress").path("runs_total").asInt()).isEqualTo(3);
        Instant expires = Instant.parse(done.path("expires_at").asText());
        assertThat(expires)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));

        HttpResponse<byte[]> download =
                fetch(URI.create(done.path("download_url").asText()));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
        assertThat((long) download.body().length)
                .isEqualTo(done.path("size_bytes").asLong());
        Map<String, byte[]> zip = unzip(download.body());

        for (String run : ids) {
            assertThat(zip).containsKeys("runs/" + run + ".json", "runs/" + run + ".gpx");
            assertThat(server.json()
                            .readTree(zip.get("runs/" + run + ".json"))
                            .path("id")
                            .asText())
                    .isEqualTo(run);
        }
        assertThat(zip.keySet().stream().filter(name -> name.startsWith("runs/")))
                .hasSize(6);
        assertThat(zip.keySet()).noneMatch(name -> name.startsWith("originals/"));
        String csv = new String(zip.get("days.csv"), StandardCharsets.UTF_8);
        assertThat(csv)
                .startsWith("date,steps,sleep_min,sleep_quality,notes\r\n")
                .contains("2026-10-02,9000,431,,\"hills, then \"\"easy\"\"\"\r\n");
        assertThat(server.json().readTree(zip.get("days.json")).path("items")).hasSize(1);
        JsonNode nights = server.json().readTree(zip.get("sleep.json")).path("items");
        assertThat(nights).hasSize(1);
        assertThat(nights.get(0).path("source").asText()).isEqualTo("healthkit");
        assertThat(nights.get(0).path("deep_min").asInt()).isEqualTo(80);
        assertThat(new String(zip.get("sleep.csv"), StandardCharsets.UTF_8))
                .isEqualTo(String.join(
                        "\r\n",
                        "date,source,start,end,total_min,deep_min,light_min,rem_min,awake_min",
                        "2026-10-02,healthkit,2026-10-01T22:40:00Z,2026-10-02T06:10:00Z,431,80,250,90,11",
                        ""));
        assertThat(server.json().readTree(zip.get("integrations.json")).path("items"))
                .isEmpty();
        assertThat(new String(zip.get("integrations.json"), StandardCharsets.UTF_8))
                .doesNotContain("token");
        assertThat(zip).containsKey("coach_links.json");
        JsonNode workouts = server.json().readTree(zip.get("sync/workouts.json"));
        assertThat(workouts).hasSize(1);
        assertThat(workouts.get(0).path("name").asText()).isEqualTo("Leg day");
        assertThat(server.json().readTree(zip.get("sync/runs.json"))).hasSize(3);

        // Another user uploads the exported GPX files: the runs that come out match the originals.
        String bob = server.token("export-bob-" + UUID.randomUUID());
        Map<String, byte[]> uploadedFiles = new HashMap<>();
        for (String run : ids) {
            TestServer.Response uploaded =
                    server.send(server.request("/api/v1/files/direct?filename=" + run + ".gpx", bob)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(zip.get("runs/" + run + ".gpx")))
                            .header("Content-Type", "application/octet-stream")
                            .build());
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
            uploadedFiles.put(uploaded.json().path("id").asText(), zip.get("runs/" + run + ".gpx"));
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

        // Bob's runs were made of uploaded files: his export holds each file as it was uploaded.
        Map<String, byte[]> bobs = exportOf(server, bob);
        for (Map.Entry<String, byte[]> file : uploadedFiles.entrySet()) {
            assertThat(bobs.get("originals/" + file.getKey() + ".gpx")).isEqualTo(file.getValue());
        }
    }

    @Test
    void anotherUserSeesNothingOfAnExportAndALinkFetchesItsOwnExportOnlyUntilItExpires() throws Exception {
        String aliceId = "export-iso-alice-" + UUID.randomUUID();
        String alice = server.token(aliceId);
        String bobId = "export-iso-bob-" + UUID.randomUUID();
        String bob = server.token(bobId);
        postRun(alice, Instant.parse("2026-09-01T06:30:00Z"), 60);
        String aliceExport = server.post("/api/v1/me/export", alice, Map.of())
                .json()
                .path("id")
                .asText();
        URI aliceLink = URI.create(
                awaitDone(server, alice, aliceExport).path("download_url").asText());
        String bobExport = server.post("/api/v1/me/export", bob, Map.of())
                .json()
                .path("id")
                .asText();
        URI bobLink = URI.create(
                awaitDone(server, bob, bobExport).path("download_url").asText());

        TestServer.Response theirs = server.get("/api/v1/me/export/" + aliceExport, bob);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.header("Content-Type")).startsWith("application/problem+json");
        assertThat(server.get("/api/v1/me/export/" + UUID.randomUUID(), alice).status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/me/export/not-a-uuid", alice).status()).isEqualTo(404);
        assertThat(fetch(aliceLink).statusCode()).isEqualTo(200);
        assertThat(fetch(bobLink).statusCode()).isEqualTo(200);

        // Bob's signed link with Alice's export id, or Alice's user, fetches nothing.
        refused(URI.create(bobLink.toString().replace(bobExport, aliceExport)));
        refused(URI.create(bobLink.toString()
                .replace(
                        "user=" + SignedExportLinks.encodeUser(new UserId(bobId)),
                        "user=" + SignedExportLinks.encodeUser(new UserId(aliceId)))));
        String link = aliceLink.toString();
        String signature = link.substring(link.indexOf("signature=") + "signature=".length());
        refused(URI.create(link.replace(signature, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1))));
        refused(URI.create(link.substring(0, link.indexOf("&signature="))));
        refused(server.uri("/api/v1/exports/" + aliceExport + "/download"));

        // A link signed with the node's key: good until its expiry, refused once it is past.
        SignedExportLinks signer = new SignedExportLinks(TestServer.JWT_SECRET, () -> server.uri("/"));
        ExportId exportId = ExportId.parse(aliceExport).orElseThrow();
        Instant future = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(fetch(signer.link(exportId, new UserId(aliceId), future)).statusCode())
                .isEqualTo(200);
        Instant past = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        refused(signer.link(exportId, new UserId(aliceId), past));
    }

    @Test
    void aSecondRequestWhileOneIsQueuedGetsTheSameJob() {
        String carol = idle.token("export-carol-" + UUID.randomUUID());

        TestServer.Response first = idle.post("/api/v1/me/export", carol, Map.of());
        TestServer.Response second = idle.post("/api/v1/me/export", carol, Map.of());

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("id").asText())
                .isEqualTo(first.json().path("id").asText());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(idle.get(first.header("Location"), carol)
                        .json()
                        .path("state")
                        .asText())
                .isEqualTo("queued");
        assertThat(idle.get(first.header("Location"), carol).json().has("download_url"))
                .isFalse();
    }

    @Test
    void aJobLeftRunningByADeadNodeIsResumedByAnotherOnceItsLeaseExpires() throws Exception {
        String daveId = "export-dave-" + UUID.randomUUID();
        String dave = idle.token(daveId);
        String runId = postRun(idle, dave, Instant.parse("2026-08-01T06:30:00Z"), 90);
        String id =
                idle.post("/api/v1/me/export", dave, Map.of()).json().path("id").asText();
        // A node claimed the job, wrote part of it and died: its lease ran out a minute ago.
        try (Connection db = idle.ownerDataSource().getConnection();
                PreparedStatement update = db.prepareStatement("UPDATE account_exports SET state = 'running',"
                        + " lease_owner = 'dead-node', lease_until = now() - interval '1 minute', runs_done = 1,"
                        + " attempts = 1 WHERE user_id = ? AND id = ?::uuid")) {
            update.setString(1, daveId);
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(idle.get("/api/v1/me/export/" + id, dave)
                        .json()
                        .path("state")
                        .asText())
                .isEqualTo("running");

        try (TestServer other = TestServer.start(
                idle.database(), Map.of("FITSYNC_FILES_DIR", idleBlobs.toString(), "FITSYNC_EXPORT_POLL", "100ms"))) {
            // Either node answers for the job and serves its link: nodes share the database and blobs.
            JsonNode done = awaitDone(other, dave, id);
            assertThat(idle.get("/api/v1/me/export/" + id, dave)
                            .json()
                            .path("state")
                            .asText())
                    .isEqualTo("done");
            Map<String, byte[]> zip =
                    unzip(fetch(URI.create(done.path("download_url").asText())).body());
            assertThat(zip).containsKeys("runs/" + runId + ".json", "runs/" + runId + ".gpx");
            assertThat(done.path("progress").path("runs_done").asInt()).isEqualTo(1);
        }
    }

    private static void refused(URI link) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = fetch(link);
        assertThat(response.statusCode()).as(link.toString()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** Starts an export, waits for it and downloads it. */
    private static Map<String, byte[]> exportOf(TestServer node, String token) throws Exception {
        TestServer.Response started = node.post("/api/v1/me/export", token, Map.of());
        assertThat(started.status()).as(started.toString()).isIn(200, 202);
        JsonNode done = awaitDone(node, token, started.json().path("id").asText());
        HttpResponse<byte[]> download =
                fetch(URI.create(done.path("download_url").asText()));
        assertThat(download.statusCode()).isEqualTo(200);
        return unzip(download.body());
    }

    private static JsonNode awaitDone(TestServer node, String token, String id) {
        String path = "/api/v1/me/export/" + id;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> node.get(path, token).json().path("state").asText(), "done"::equals);
        JsonNode done = node.get(path, token).json();
        assertThat(done.path("download_url").asText()).contains("/api/v1/exports/" + id + "/download?");
        assertThat(done.path("size_bytes").asLong()).isPositive();
        return done;
    }

    /** A download needs no bearer token: the link is the credential. */
    private static HttpResponse<byte[]> fetch(URI link) throws IOException, InterruptedException {
        return server.client()
                .send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static void pushWorkout(String token) {
        Map<String, Object> workout = new HashMap<>(
                Map.of("id", "w1", "name", "Leg day", "updated_at", 1795158000000L, "_status", "created"));
        workout.put("_changed", "");
        Map<String, Object> push = new HashMap<>();
        push.put(
                "changes",
                Map.of("workouts", Map.of("created", List.of(workout), "updated", List.of(), "deleted", List.of())));
        push.put("last_pulled_at", null);
        assertThat(server.post("/api/v1/sync", token, push).status()).isEqualTo(200);
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

    private static String postRun(String token, Instant start, int seconds) {
        return postRun(server, token, start, seconds);
    }

    /** A run with a one-second track of {@code seconds} points; returns its id. */
    private static String postRun(TestServer node, String token, Instant start, int seconds) {
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
        TestServer.Response posted = node.post("/api/v1/runs", token, run);
        assertThat(posted.status()).as(posted.toString()).isIn(200, 201);
        return id;
    }
}

package org.fitsync.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fitsync.adapter.blobs.fs.SignedUploadUrls;
import org.fitsync.app.testing.TestServer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files resource over HTTP on a real PostgreSQL and the filesystem blob store: declaring, signed
 * uploads, what is refused, direct uploads and the sweep, with a file that holds no run (it ends
 * {@code failed}). Real activity files are FilesEndToEndHttpTest's.
 */
class FilesHttpTest {

    private static final String SECRET = "files-test-secret-0123456789-abcdefghijklmnop";
    private static final byte[] GPX = "<gpx>a run</gpx>".getBytes(StandardCharsets.UTF_8);

    private static Path blobs;
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        blobs = Files.createTempDirectory("fitsync-blobs");
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_SECRET", SECRET,
                "FITSYNC_FILES_DIR", blobs.toString(),
                "FITSYNC_FILES_MAX_SIZE", "1MiB",
                "FITSYNC_FILES_POLL", "100ms",
                "FITSYNC_FILES_SWEEP_INTERVAL", "200ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> declaration(UUID id, String filename, byte[] bytes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("filename", filename);
        body.put("size", bytes.length);
        body.put("sha256", sha256(bytes));
        return body;
    }

    private static TestServer.Response put(String url, byte[] bytes) {
        return server.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream")
                .build());
    }

    /** The files kept for {@code user} (the blob store's directory of that user) or half-uploaded by anyone. */
    private static long storedBlobs(String user) {
        Path dir = blobs.resolve(
                Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDeclaredFileIsUploadedToItsSignedUrlAndProcessed() {
        String alice = server.token("files-alice");
        UUID id = UUID.randomUUID();
        TestServer.Response declared = server.post("/api/v1/files", alice, declaration(id, "Morning.GPX", GPX));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        JsonNode file = declared.json();
        assertThat(file.path("state").asText()).isEqualTo("awaiting_upload");
        assertThat(file.path("format").asText()).isEqualTo("gpx");
        assertThat(file.path("upload").path("method").asText()).isEqualTo("PUT");
        assertThat(Instant.parse(file.path("upload").path("expires_at").asText()))
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(16)));
        String url = file.path("upload").path("url").asText();
        assertThat(url)
                .startsWith(server.uri("/api/v1/files/" + id + "/content?").toString());

        TestServer.Response again = server.post("/api/v1/files", alice, declaration(id, "Morning.GPX", GPX));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("upload").path("url").asText()).startsWith("http");
        byte[] other = "<gpx>another</gpx>".getBytes(StandardCharsets.UTF_8);
        assertThat(server.post("/api/v1/files", alice, declaration(id, "Morning.GPX", other))
                        .status())
                .isEqualTo(409);

        // Wrong bytes: refused, nothing kept.
        TestServer.Response wrongHash = put(url, "<gpx>a ruN</gpx>".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongHash.status()).isEqualTo(422);
        assertThat(wrongHash.header("Content-Type")).startsWith("application/problem+json");
        assertThat(put(url, "<gpx>a run</gpx> and more".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(422);
        assertThat(put(url, "<gpx>".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(422);
        assertThat(storedBlobs("files-alice")).isZero();
        assertThat(server.get("/api/v1/files/" + id + "/content", alice).status())
                .isEqualTo(404);

        TestServer.Response uploaded = put(url, GPX);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().path("state").asText()).isIn("processing", "failed");
        assertThat(put(url, GPX).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/files/" + id + "/complete", alice, "").status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(server.get("/api/v1/files/" + id, alice)
                                .json()
                                .path("state")
                                .asText())
                        .isEqualTo("failed"));
        JsonNode failed = server.get("/api/v1/files/" + id, alice).json();
        assertThat(failed.path("error").path("type").asText())
                .as("a GPX without a timed track point")
                .isEqualTo("empty");
        assertThat(failed.path("sha256").asText()).isEqualTo(sha256(GPX));
        assertThat(failed.has("upload")).isFalse();

        TestServer.Response content = server.get("/api/v1/files/" + id + "/content", alice);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.header("Content-Type")).startsWith("application/octet-stream");
        assertThat(content.header("Content-Disposition")).contains("filename=\"Morning.GPX\"");
        assertThat(content.body()).isEqualTo(new String(GPX, StandardCharsets.UTF_8));

        String bob = server.token("files-bob");
        assertThat(server.get("/api/v1/files/" + id, bob).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/files/" + id + "/content", bob).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/files/" + id + "/complete", bob, "").status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/files/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void forgedForeignAndExpiredUploadUrlsAreForbiddenAndKeepNothing() {
        String carol = server.token("files-carol");
        UUID id = UUID.randomUUID();
        TestServer.Response declared = server.post("/api/v1/files", carol, declaration(id, "ride.fit.gz", GPX));
        assertThat(declared.status()).isEqualTo(201);
        String url = declared.json().path("upload").path("url").asText();
        BlobKey key = new BlobKey(new UserId("files-carol"), new FileId(id));
        BlobFacts facts = new BlobFacts(GPX.length, new Sha256(sha256(GPX)));

        String forged = new SignedUploadUrls("not-the-server-secret-0123456789-abcdef", () -> server.uri("/"))
                .uploadTarget(key, facts, Instant.now().plusSeconds(600))
                .url()
                .toString();
        String expired = new SignedUploadUrls(SECRET, () -> server.uri("/"))
                .uploadTarget(key, facts, Instant.now().minusSeconds(1))
                .url()
                .toString();
        // Carol's URL with another user in it: the signature does not cover that user.
        String foreign = url.replaceFirst("user=[^&]*", "user=ZmlsZXMtZGF2ZQ");
        String tampered = url.replaceFirst("expires=(\\d+)", "expires=9999999999");
        for (String bad : new String[] {forged, expired, foreign, tampered, url.replaceFirst("&signature=.*", "")}) {
            TestServer.Response refused = put(bad, GPX);
            assertThat(refused.status()).as(bad).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(storedBlobs("files-carol")).isZero();
        assertThat(server.get("/api/v1/files/" + id, carol).json().path("state").asText())
                .isEqualTo("awaiting_upload");
        assertThat(server.post("/api/v1/files/" + id + "/complete", carol, "").status())
                .isEqualTo(409);
    }

    @Test
    void declarationsAreValidated() {
        String erin = server.token("files-erin");
        Map<String, Object> notes = declaration(UUID.randomUUID(), "notes.txt", GPX);
        notes.put("sha256", "xyz");
        TestServer.Response invalid = server.post("/api/v1/files", erin, notes);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("filename", "sha256");
        Map<String, Object> huge = declaration(UUID.randomUUID(), "huge.fit", GPX);
        huge.put("size", 1L << 30);
        TestServer.Response tooLarge = server.post("/api/v1/files", erin, huge);
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.body()).contains("size");
    }

    @Test
    void aDirectUploadIsStoredAndQueued() {
        String frank = server.token("files-frank");
        TestServer.Response direct = server.send(server.request("/api/v1/files/direct?filename=track.tcx", frank)
                .POST(HttpRequest.BodyPublishers.ofByteArray(GPX))
                .header("Content-Type", "application/octet-stream")
                .build());
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        assertThat(direct.json().path("state").asText()).isEqualTo("processing");
        assertThat(direct.json().path("size").asLong()).isEqualTo(GPX.length);
        assertThat(direct.json().path("sha256").asText()).isEqualTo(sha256(GPX));
        String id = direct.json().path("id").asText();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(server.get("/api/v1/files/" + id, frank)
                                .json()
                                .path("state")
                                .asText())
                        .isEqualTo("failed"));
        assertThat(server.get("/api/v1/files/" + id + "/content", frank).body())
                .isEqualTo(new String(GPX, StandardCharsets.UTF_8));

        TestServer.Response tooBig = server.send(server.request("/api/v1/files/direct?filename=big.fit", frank)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1]))
                .build());
        assertThat(tooBig.status()).isEqualTo(413);
        TestServer.Response badName = server.send(server.request("/api/v1/files/direct?filename=x.exe", frank)
                .POST(HttpRequest.BodyPublishers.ofByteArray(GPX))
                .build());
        assertThat(badName.status()).isEqualTo(422);
    }

    @Test
    void uploadsNeverCompletedWithinADayAreRemoved() throws Exception {
        String gina = server.token("files-gina");
        UUID stale = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        assertThat(server.post("/api/v1/files", gina, declaration(stale, "old.gpx", GPX))
                        .status())
                .isEqualTo(201);
        assertThat(server.post("/api/v1/files", gina, declaration(fresh, "new.gpx", GPX))
                        .status())
                .isEqualTo(201);
        try (Connection c = server.ownerDataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE activity_files SET created_at = now() - interval '25 hours' WHERE id = ?")) {
            s.setObject(1, stale);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                server.get("/api/v1/files/" + stale, gina).status())
                        .isEqualTo(404));
        assertThat(server.get("/api/v1/files/" + fresh, gina).status()).isEqualTo(200);
    }
}

package org.fitsync.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.adapter.blobs.s3.S3ProxyServer;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Activity files with S3-compatible object storage (S3Proxy, a process of its own speaking the S3
 * protocol): the declaration answers a presigned PUT into the bucket, the bytes go there without passing
 * through FitSync, and completing checks them in the store. S3Proxy does not implement
 * {@code x-amz-checksum-sha256}, so the server runs with {@code FITSYNC_S3_CHECKSUM=none}: the URL binds
 * the length, and completion alone tells other bytes of that length apart.
 */
class FilesS3HttpTest {

    private static final Path FIT = Path.of("../adapter-files/src/test/resources/samples/run-hr-cadence-devfield.fit");

    private static S3ProxyServer s3;
    private static TestServer server;
    private static byte[] fit;

    @BeforeAll
    static void start() throws Exception {
        fit = Files.readAllBytes(FIT);
        s3 = S3ProxyServer.start(Path.of("target/s3proxy/s3proxy.jar"), Files.createTempDirectory("fitsync-s3proxy"));
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_STORE",
                "s3",
                "FITSYNC_S3_BUCKET",
                S3ProxyServer.BUCKET,
                "FITSYNC_S3_ENDPOINT",
                s3.endpoint().toString(),
                "FITSYNC_S3_ACCESS_KEY_ID",
                S3ProxyServer.ACCESS_KEY,
                "FITSYNC_S3_SECRET_ACCESS_KEY",
                S3ProxyServer.SECRET_KEY,
                "FITSYNC_S3_PREFIX",
                "app-test/",
                "FITSYNC_S3_CHECKSUM",
                "none",
                "FITSYNC_FILES_POLL",
                "100ms"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFitPutIntoTheBucketAndCompletedBecomesARunAndDownloadsAgain() throws Exception {
        String token = server.token("s3-fit-" + UUID.randomUUID());
        UUID id = UUID.randomUUID();
        JsonNode upload = declare(token, id, "trail.fit", fit);

        assertThat(upload.path("url").asText())
                .startsWith(s3.endpoint() + "/" + S3ProxyServer.BUCKET + "/app-test/")
                .contains("X-Amz-Signature=")
                .doesNotContain("trail");
        assertThat(upload.path("method").asText()).isEqualTo("PUT");
        assertThat(upload.path("headers").path("Content-Length").asText()).isEqualTo(Integer.toString(fit.length));
        assertThat(upload.path("headers").path("Content-Type").asText()).isEqualTo("application/octet-stream");

        assertThat(put(upload, fit).statusCode()).isEqualTo(200);
        assertThat(file(token, id).path("state").asText())
                .as("the bytes went to the bucket, not through FitSync: only complete moves the file on")
                .isEqualTo("awaiting_upload");
        assertThat(complete(token, id).status()).isEqualTo(202);

        JsonNode file = processed(token, id);
        assertThat(file.path("state").asText()).as(file.toString()).isEqualTo("imported");
        TestServer.Response run =
                server.get("/api/v1/runs/" + file.path("run_id").asText(), token);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("file_id").asText()).isEqualTo(id.toString());
        assertThat(download(token, id)).isEqualTo(fit);
    }

    @Test
    void otherBytesOfTheDeclaredLengthAreRefusedOnCompleteAndNothingIsKept() throws Exception {
        String token = server.token("s3-wrong-" + UUID.randomUUID());
        UUID id = UUID.randomUUID();
        JsonNode upload = declare(token, id, "trail.fit", fit);
        byte[] tampered = Arrays.copyOf(fit, fit.length);
        tampered[tampered.length / 2] ^= 0x55;

        assertThat(put(upload, tampered).statusCode())
                .as("only the length is signed")
                .isEqualTo(200);
        TestServer.Response refused = complete(token, id);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).endsWith("/upload-mismatch");
        assertThat(complete(token, id).status()).as("the object was deleted").isEqualTo(409);
        assertThat(file(token, id).path("state").asText()).isEqualTo("awaiting_upload");
        assertThat(server.get("/api/v1/files/" + id + "/content", token).status())
                .isEqualTo(404);

        assertThat(put(upload, fit).statusCode())
                .as("the URL still takes the right bytes")
                .isEqualTo(200);
        assertThat(complete(token, id).status()).isEqualTo(202);
        assertThat(processed(token, id).path("state").asText()).isEqualTo("imported");
    }

    @Test
    void anotherLengthIsRefusedByTheStoreItself() {
        String token = server.token("s3-length-" + UUID.randomUUID());
        UUID id = UUID.randomUUID();
        JsonNode upload = declare(token, id, "trail.fit", fit);

        assertThat(put(upload, Arrays.copyOf(fit, fit.length - 1)).statusCode()).isEqualTo(403);

        TestServer.Response complete = complete(token, id);
        assertThat(complete.status()).isEqualTo(409);
        assertThat(complete.json().path("type").asText()).endsWith("/file-not-uploaded");
    }

    @Test
    void fitSyncsOwnUploadRouteRefusesWithObjectStorage() {
        String token = server.token("s3-own-" + UUID.randomUUID());
        UUID id = UUID.randomUUID();
        declare(token, id, "trail.fit", fit);
        String user =
                Base64.getUrlEncoder().withoutPadding().encodeToString("someone".getBytes(StandardCharsets.UTF_8));

        TestServer.Response answer = server.send(HttpRequest.newBuilder(server.uri("/api/v1/files/" + id
                        + "/content?user=" + user + "&expires=" + (System.currentTimeMillis() / 1000 + 600)
                        + "&signature=abc"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(fit))
                .build());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("detail").asText()).contains("object storage");
    }

    @Test
    void aDirectUploadGoesThroughFitSyncIntoTheBucket() throws Exception {
        String token = server.token("s3-direct-" + UUID.randomUUID());

        TestServer.Response created = server.send(server.request("/api/v1/files/direct?filename=trail.fit", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(fit))
                .build());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("sha256").asText()).isEqualTo(sha256(fit));
        UUID id = UUID.fromString(created.json().path("id").asText());
        assertThat(processed(token, id).path("state").asText()).isEqualTo("imported");
        assertThat(download(token, id)).isEqualTo(fit);
    }

    private static JsonNode declare(String token, UUID id, String filename, byte[] bytes) {
        Map<String, Object> declaration = new LinkedHashMap<>();
        declaration.put("id", id.toString());
        declaration.put("filename", filename);
        declaration.put("size", bytes.length);
        declaration.put("sha256", sha256(bytes));
        TestServer.Response declared = server.post("/api/v1/files", token, declaration);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        return declared.json().path("upload");
    }

    /** PUTs to the presigned URL with its headers, as a client would (its HTTP client sets Content-Length). */
    private static HttpResponse<String> put(JsonNode upload, byte[] bytes) {
        HttpRequest.Builder put = HttpRequest.newBuilder(
                        URI.create(upload.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        return server.send(put.build()).raw();
    }

    private static TestServer.Response complete(String token, UUID id) {
        return server.post("/api/v1/files/" + id + "/complete", token, "");
    }

    private static JsonNode file(String token, UUID id) {
        return server.get("/api/v1/files/" + id, token).json();
    }

    private static JsonNode processed(String token, UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !List.of("awaiting_upload", "processing")
                        .contains(file(token, id).path("state").asText()));
        return file(token, id);
    }

    private static byte[] download(String token, UUID id) throws IOException, InterruptedException {
        HttpResponse<byte[]> content = server.client()
                .send(
                        server.request("/api/v1/files/" + id + "/content", token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("trail.fit"));
        return content.body();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

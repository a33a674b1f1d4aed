package org.fitsync.adapter.blobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.ports.out.files.StoreBlobPort.BlobWrite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store against S3Proxy, which speaks the S3 protocol and checks V4 signatures, presigned ones too. */
class S3BlobStoreTest {

    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static S3BlobStore store;
    private static Path spool;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlobKey key = new BlobKey(new UserId("alice/../bob"), FileId.random());
    private final byte[] bytes = "<gpx>a run</gpx>".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start(Path.of("target/s3proxy/s3proxy.jar"), dir);
        spool = dir.resolve("spool");
        store = S3BlobStore.connect(server.location("fitsync/"), spool, Clock.systemUTC());
    }

    @AfterAll
    static void stopS3Proxy() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepsBytesThatMatchTheDeclarationAndReadsThemBack() throws Exception {
        BlobFacts declared = facts(bytes);

        assertThat(store.store(key, new ByteArrayInputStream(bytes), Optional.of(declared), 100))
                .isEqualTo(new BlobWrite.Stored(declared));

        assertThat(read(key)).isEqualTo(bytes);
        assertThat(store.inspect(key)).contains(declared);
        assertThat(store.store(key, new ByteArrayInputStream(bytes), Optional.of(declared), 100))
                .as("storing the same bytes again is harmless")
                .isEqualTo(new BlobWrite.Stored(declared));
        assertThat(spooled()).isZero();
    }

    @Test
    void keepsNothingOfBytesThatDifferOrAreTooMany() throws Exception {
        BlobFacts declared = facts(bytes);
        byte[] shorter = "<gpx>a run</gpx".getBytes(StandardCharsets.UTF_8);
        byte[] sameLength = "<gpx>a RUN</gpx>".getBytes(StandardCharsets.UTF_8);

        assertThat(store.store(key, new ByteArrayInputStream(shorter), Optional.of(declared), 100))
                .isInstanceOf(BlobWrite.Mismatch.class);
        assertThat(store.store(key, new ByteArrayInputStream(sameLength), Optional.of(declared), 100))
                .isInstanceOf(BlobWrite.Mismatch.class);
        assertThat(store.store(key, new ByteArrayInputStream(bytes), Optional.empty(), 3))
                .isEqualTo(new BlobWrite.TooLarge(3));

        assertThat(store.open(key)).isEmpty();
        assertThat(store.inspect(key)).isEmpty();
        assertThat(spooled()).isZero();
    }

    @Test
    void keysNameTheUserEncodedAndTheFileButNoFilename() {
        String user =
                Base64.getUrlEncoder().withoutPadding().encodeToString("alice/../bob".getBytes(StandardCharsets.UTF_8));

        assertThat(store.objectKey(key)).isEqualTo("fitsync/" + user + "/" + key.id());
    }

    @Test
    void deletesAndDeletingWhatIsNotThereIsFine() throws Exception {
        store.store(key, new ByteArrayInputStream(bytes), Optional.empty(), 100);

        store.delete(key);
        store.delete(key);

        assertThat(store.open(key)).isEmpty();
        assertThat(store.inspect(key)).isEmpty();
    }

    @Test
    void aPresignedPutTakesTheDeclaredBytesWithoutAnyOtherCredential() throws Exception {
        BlobFacts declared = facts(bytes);
        UploadTarget target = store.uploadTarget(key, declared, Instant.now().plus(Duration.ofMinutes(15)));

        assertThat(target.method()).isEqualTo("PUT");
        assertThat(target.url().toString()).startsWith(server.endpoint() + "/" + S3ProxyServer.BUCKET + "/");
        assertThat(target.url().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=");
        assertThat(target.headers())
                .containsEntry("Content-Type", "application/octet-stream")
                .containsEntry("Content-Length", Long.toString(bytes.length));

        assertThat(put(target, bytes).statusCode()).isEqualTo(200);
        assertThat(store.inspect(key)).contains(declared);
        assertThat(read(key)).isEqualTo(bytes);
    }

    @Test
    void aPresignedPutRefusesAnotherLengthAndCompletionSeesOtherBytesOfTheSameLength() throws Exception {
        BlobFacts declared = facts(bytes);
        UploadTarget target = store.uploadTarget(key, declared, Instant.now().plus(Duration.ofMinutes(15)));

        HttpResponse<String> longer = put(target, "<gpx>a longer run</gpx>".getBytes(StandardCharsets.UTF_8));
        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(store.inspect(key)).isEmpty();

        // The length is signed; the content is not (S3Proxy refuses x-amz-checksum-sha256), so other bytes of
        // the same length are taken, and inspect, which completion asks, tells them apart.
        byte[] sameLength = "<gpx>a RUN</gpx>".getBytes(StandardCharsets.UTF_8);
        assertThat(put(target, sameLength).statusCode()).isEqualTo(200);
        assertThat(store.inspect(key)).contains(facts(sameLength)).isNotEqualTo(Optional.of(declared));
    }

    @Test
    void aPresignedPutIsRefusedOnceExpired() throws Exception {
        UploadTarget target =
                store.uploadTarget(key, facts(bytes), Instant.now().plusSeconds(2));

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    HttpResponse<String> answer = put(target, bytes);
                    assertThat(answer.statusCode()).isEqualTo(403);
                    assertThat(answer.body()).contains("expired");
                });
    }

    @Test
    void withSha256ChecksumsTheUrlBindsTheDeclaredHash() throws Exception {
        S3Location location = server.location("fitsync/");
        S3Location checked = new S3Location(
                location.bucket(), location.region(), location.endpoint(), location.accessKey(), "", true);
        try (S3BlobStore s3 = S3BlobStore.connect(checked, spool, Clock.systemUTC())) {
            BlobFacts declared = facts(bytes);
            UploadTarget target = s3.uploadTarget(key, declared, Instant.now().plus(Duration.ofMinutes(15)));

            String base64 = Base64.getEncoder()
                    .encodeToString(HexFormat.of().parseHex(declared.sha256().hex()));
            assertThat(target.headers()).containsEntry("x-amz-checksum-sha256", base64);
            assertThat(target.url().getQuery()).contains("x-amz-checksum-sha256");
        }
    }

    private static HttpResponse<String> put(UploadTarget target, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .method(target.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        // Content-Length is the body's: every HTTP client sets it itself (java.net.http refuses it as a header).
        target.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] read(BlobKey key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static long spooled() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private static BlobFacts facts(byte[] b) throws Exception {
        return new BlobFacts(
                b.length, Sha256.of(MessageDigest.getInstance("SHA-256").digest(b)));
    }
}

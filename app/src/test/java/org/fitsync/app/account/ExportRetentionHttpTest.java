package org.fitsync.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Old exports expire: once an export has been finished longer than {@code FITSYNC_EXPORT_RETENTION},
 * the sweep deletes its zip from the blob store and its job, so the job and its link are {@code 404}.
 * A node of its own with a retention of seconds, so no other test's exports are swept.
 */
class ExportRetentionHttpTest {

    private static TestServer server;
    private static Path blobs;

    @BeforeAll
    static void start() throws IOException {
        blobs = Files.createTempDirectory("fitsync-export-retention");
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_DIR", blobs.toString(),
                "FITSYNC_EXPORT_POLL", "100ms",
                "FITSYNC_EXPORT_RETENTION", "5s",
                "FITSYNC_EXPORT_SWEEP_INTERVAL", "1s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anExportFinishedLongerThanTheRetentionAgoIsGoneWithItsZip() throws Exception {
        String user = "export-retention-" + UUID.randomUUID();
        String token = server.token(user);
        TestServer.Response started = server.post("/api/v1/me/export", token, Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String path = "/api/v1/me/export/" + started.json().path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> server.get(path, token).json().path("state").asText(), "done"::equals);
        JsonNode done = server.get(path, token).json();
        URI link = URI.create(done.path("download_url").asText());
        assertThat(zipFiles()).as("the finished export's zip in the blob store").isEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.get(path, token).status() == 404);
        assertThat(zipFiles()).as("the swept export's zip").isZero();
        HttpResponse<byte[]> download = server.client()
                .send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(404);

        TestServer.Response again = server.post("/api/v1/me/export", token, Map.of());
        assertThat(again.status()).as("a new export after the old one expired").isEqualTo(202);
    }

    private static long zipFiles() throws IOException {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getParent().getFileName().toString().equals("exports"))
                    .count();
        }
    }
}

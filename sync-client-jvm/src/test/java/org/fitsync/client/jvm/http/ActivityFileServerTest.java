package org.fitsync.client.jvm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fitsync.app.testing.TestServer;
import org.fitsync.client.FileStatus;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.TokenProvider;
import org.fitsync.client.UploadFileOutcome;
import org.fitsync.client.jvm.ExecutorScheduler;
import org.fitsync.client.jvm.JvmClient;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM client queues a watch's FIT file and syncs it to a real FitSync node (signed URL on the
 * filesystem blob store, the files worker): the server imports it as a run of the file, and the run comes
 * back to the client in its next pull.
 */
class ActivityFileServerTest {

    private static final Path SAMPLE =
            Path.of("../adapter-files/src/test/resources/samples/run-hr-cadence-devfield.fit");

    private static TestServer server;

    @TempDir
    Path data;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_SECRET", "client-files-secret-0123456789-abcdefghijkl",
                "FITSYNC_FILES_DIR",
                        Files.createTempDirectory("fitsync-client-blobs").toString(),
                "FITSYNC_FILES_POLL", "100ms"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aQueuedFitFileIsImportedAsARunThatComesBackInTheNextPull() throws Exception {
        String user = "files-" + UUID.randomUUID();
        String token = server.token(user);
        try (ExecutorScheduler scheduler = new ExecutorScheduler();
                FitSyncClient client =
                        FitSyncClient.signIn(JvmClient.config(data, server.uri("/"), scheduler), user, tokens(token))) {
            UploadFileOutcome outcome;
            try (InputStream bytes = Files.newInputStream(SAMPLE)) {
                outcome = client.uploadActivityFile("trail.fit", bytes);
            }
            UUID fileId = ((UploadFileOutcome.Queued) outcome).id();
            assertThat(((UploadFileOutcome.Queued) outcome).file().size()).isEqualTo(Files.size(SAMPLE));
            assertThat(client.status().pendingCount()).isEqualTo(1);

            SyncStatus sent = client.syncNow().get(60, TimeUnit.SECONDS);

            assertThat(sent.state()).as(sent.toString()).isEqualTo(SyncState.IDLE);
            assertThat(sent.pendingCount()).isZero();
            assertThat(localCopies())
                    .as("the local copy is deleted once the server has the file")
                    .isZero();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fileStatus(client, fileId).state() == FileStatus.State.IMPORTED);
            FileStatus imported = fileStatus(client, fileId);
            UUID runId = imported.runId().orElseThrow();

            JsonNode file = server.get("/api/v1/files/" + fileId, token).json();
            assertThat(file.path("state").asText()).isEqualTo("imported");
            assertThat(file.path("size").asLong()).isEqualTo(Files.size(SAMPLE));
            JsonNode run = server.get("/api/v1/runs/" + runId, token).json();
            assertThat(run.path("source").asText()).isEqualTo("coros");
            assertThat(run.path("file_id").asText()).isEqualTo(fileId.toString());

            SyncStatus pulled = client.syncNow().get(60, TimeUnit.SECONDS);

            assertThat(pulled.state()).isEqualTo(SyncState.IDLE);
            assertThat(client.get("runs", runId.toString()))
                    .hasValueSatisfying(r ->
                            assertThat(r.value("source")).isEqualTo(new org.fitsync.domain.sync.Value.Text("coros")));
        }
    }

    private long localCopies() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(data.resolve("files"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static FileStatus fileStatus(FitSyncClient client, UUID id) throws Exception {
        return client.fileStatus(id).get(30, TimeUnit.SECONDS);
    }

    private static TokenProvider tokens(String token) {
        return new TokenProvider() {
            @Override
            public String currentToken() {
                return token;
            }

            @Override
            public Optional<String> renewToken(String rejected) {
                return Optional.empty();
            }
        };
    }
}

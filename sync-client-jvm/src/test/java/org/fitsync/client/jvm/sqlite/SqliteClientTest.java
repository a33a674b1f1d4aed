package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.ClientConfig;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.RecordRun;
import org.fitsync.client.RecordRunOutcome;
import org.fitsync.client.TokenProvider;
import org.fitsync.client.UploadFileOutcome;
import org.fitsync.client.jvm.files.DirectoryFiles;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.FileBytes;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.UploadReceipt;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.client.schedule.Scheduler;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client core on the SQLite store: local writes, a whole sync, and what is left after reopening. */
class SqliteClientTest {

    private static final TokenProvider TOKENS = new TokenProvider() {
        @Override
        public String currentToken() {
            return "token";
        }

        @Override
        public Optional<String> renewToken(String rejected) {
            return Optional.empty();
        }
    };

    /** Runs every task at once on the caller's thread; timers never fire (the test triggers syncs itself). */
    private static final Scheduler INLINE = new Scheduler() {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> {};
        }
    };

    @TempDir
    Path dir;

    @Test
    void aSyncSendsTheOutboxAndPullsTheServersRecordsIntoTheStore() throws Exception {
        FakeServer server = new FakeServer();
        ClientConfig config = ClientConfig.of(new SqliteStores(dir), server, INLINE);
        UUID runId = UUID.randomUUID();

        FitSyncClient client = FitSyncClient.signIn(config, "alice", TOKENS);
        client.put("settings", "theme", Map.of("key", new Value.Text("theme"), "value", new Value.Text("dark")));
        RecordRunOutcome recorded = client.recordRun(recordRun(runId));
        assertThat(recorded).isInstanceOf(RecordRunOutcome.Recorded.class);
        assertThat(client.status().pendingCount()).isEqualTo(2);
        assertThat(client.runLifecycle(runId)).contains(RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));

        SyncStatus status = client.syncNow().get();

        assertThat(status.state()).isEqualTo(SyncState.IDLE);
        assertThat(status.pendingCount()).isZero();
        assertThat(server.runs).extracting(NewRun::id).containsExactly(runId);
        assertThat(server.runs.get(0).track().size()).isEqualTo(1_000);
        assertThat(server.pushedIds).containsExactly("theme");
        assertThat(client.runLifecycle(runId)).contains(RunLifecycle.of(RunLifecycle.State.SYNCED));
        assertThat(client.get("workouts", "from-server")).isPresent();
        client.close();

        FitSyncClient again = FitSyncClient.signIn(config, "alice", TOKENS);
        assertThat(again.get("settings", "theme")).map(r -> r.value("value")).contains(new Value.Text("dark"));
        assertThat(again.get("workouts", "from-server")).isPresent();
        assertThat(again.status().pendingCount()).isZero();
        assertThat(again.status().lastSyncedAt()).isPresent();
        again.close();
    }

    @Test
    void aQueuedFileWaitsInTheStoreAndOnDiskAcrossAReopenAndIsSentFromItsCopy() throws Exception {
        FakeServer server = new FakeServer();
        DirectoryFiles files = new DirectoryFiles(dir.resolve("files"));
        ClientConfig config =
                ClientConfig.of(new SqliteStores(dir), server, INLINE).files(files);
        byte[] bytes = "FIT bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FitSyncClient client = FitSyncClient.signIn(config, "alice", TOKENS);
        FileDeclaration file = ((UploadFileOutcome.Queued)
                        client.uploadActivityFile("run.fit", new ByteArrayInputStream(bytes)))
                .file();
        client.close();

        FitSyncClient again = FitSyncClient.signIn(config, "alice", TOKENS);
        assertThat(again.queuedOps(10)).extracting(op -> op.op()).containsExactly(new OutboxOp.UploadFile(file));
        assertThat(Files.readAllBytes(files.fileOf("alice", file.id()))).isEqualTo(bytes);

        SyncStatus status = again.syncNow().get();

        assertThat(status.pendingCount()).isZero();
        assertThat(server.declared).containsExactly(file);
        assertThat(server.uploaded).containsExactly(bytes);
        assertThat(files.list("alice")).isEmpty();
        again.close();
    }

    @Test
    void aCopyLeftByAKillBeforeItWasQueuedIsRemovedAtSignIn() throws IOException {
        DirectoryFiles files = new DirectoryFiles(dir.resolve("files"));
        UUID orphan = UUID.randomUUID();
        files.put("alice", orphan, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        ClientConfig config =
                ClientConfig.of(new SqliteStores(dir), new FakeServer(), INLINE).files(files);

        FitSyncClient.signIn(config, "alice", TOKENS).close();

        assertThat(files.list("alice")).isEmpty();
        assertThat(files.fileOf("alice", orphan)).doesNotExist();
    }

    @Test
    void discardingLocalChangesOnAClientEmptiesTheOutbox() {
        ClientConfig config = ClientConfig.of(new SqliteStores(dir), new FakeServer(), INLINE);
        FitSyncClient client = FitSyncClient.signIn(config, "alice", TOKENS);
        client.put("settings", "theme", Map.of("value", new Value.Text("dark")));
        client.recordSteps(DeviceSource.GARMIN, SqliteFixtures.steps("2026-05-01", 4_200));
        UUID runId = UUID.randomUUID();
        client.recordRun(recordRun(runId));

        client.discardLocalChanges();

        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.get("settings", "theme")).isEmpty();
        assertThat(client.runLifecycle(runId))
                .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(RunLifecycle.State.FAILED));
        client.close();
    }

    private static RecordRun recordRun(UUID id) {
        Instant start = Instant.parse("2026-05-01T07:00:00Z");
        Track.Builder track = Track.builder(1_000);
        for (int i = 0; i < 1_000; i++) {
            track.add(start.toEpochMilli() + 1_000L * i, 47.3 + i * 1e-5, 8.5, 410.25 + i % 7);
        }
        return new RecordRun(
                id,
                start,
                start.plusSeconds(1_000),
                1_000,
                2_500.5,
                Source.PHONE,
                Optional.of("easy"),
                Optional.empty(),
                track.build());
    }

    /** A server that takes everything and has one workout of its own. */
    private static final class FakeServer implements SyncTransport {
        final List<NewRun> runs = new ArrayList<>();
        final List<String> pushedIds = new ArrayList<>();
        final List<FileDeclaration> declared = new ArrayList<>();
        final List<byte[]> uploaded = new ArrayList<>();

        @Override
        public Exchange<PullReceipt> pull(String token, PullRequest request, PullSink sink) {
            sink.record(
                    "workouts",
                    new WireRecord(new RecordId("from-server"), Map.of("name", new Value.Text("Legs")), 1_000, 2_000));
            for (NewRun run : runs) {
                sink.record(
                        "runs",
                        new WireRecord(
                                new RecordId(run.id().toString()),
                                Map.of("source", new Value.Text("phone")),
                                1_000,
                                2_000));
            }
            return Exchange.answered(new PullReceipt(5_000, false, request.lastPulledAt() == 0));
        }

        @Override
        public Exchange<PushReceipt> push(String token, PushRequest request) {
            request.changes().values().forEach(c -> {
                c.created().forEach(r -> pushedIds.add(r.id().value()));
                c.updated().forEach(r -> pushedIds.add(r.id().value()));
            });
            return Exchange.answered(new PushReceipt(6_000, Map.of(), List.of()));
        }

        @Override
        public Exchange<RunReceipt> submitRun(String token, NewRun run) {
            runs.add(run);
            return Exchange.answered(new RunReceipt(run.id(), true));
        }

        @Override
        public Exchange<IngestReceipt> ingestSteps(String token, DeviceSource source, List<StepsReading> items) {
            return Exchange.answered(new IngestReceipt(List.of()));
        }

        @Override
        public Exchange<IngestReceipt> ingestSleep(String token, DeviceSource source, List<SleepReading> items) {
            return Exchange.answered(new IngestReceipt(List.of()));
        }

        @Override
        public Exchange<RemoteFile> declareFile(String token, FileDeclaration file) {
            declared.add(file);
            return Exchange.answered(new RemoteFile(
                    file.id(),
                    "awaiting_upload",
                    Optional.of(new UploadTarget(
                            URI.create("https://blobs.test/" + file.id()), "PUT", Map.of(), Instant.MAX)),
                    Optional.empty(),
                    Optional.empty()));
        }

        @Override
        public Exchange<UploadReceipt> uploadFile(UploadTarget target, long size, FileBytes bytes) {
            try (InputStream in = bytes.open()) {
                uploaded.add(in.readAllBytes());
            } catch (IOException e) {
                return Exchange.failed(new TransportFailure.Unreachable(e.toString()));
            }
            return Exchange.answered(new UploadReceipt(200));
        }

        @Override
        public Exchange<RemoteFile> completeFile(String token, UUID fileId) {
            return Exchange.answered(
                    new RemoteFile(fileId, "processing", Optional.empty(), Optional.empty(), Optional.empty()));
        }

        @Override
        public Exchange<RemoteFile> file(String token, UUID fileId) {
            return completeFile(token, fileId);
        }
    }
}

package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.Problem;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.testing.ClientTestKit;
import org.fitsync.client.testing.FakeServer;
import org.fitsync.domain.FieldError;
import org.junit.jupiter.api.Test;

class ActivityFileUploadTest {

    private static final byte[] FIT = "a FIT file's bytes, as far as this test cares".getBytes(StandardCharsets.UTF_8);

    private final ClientTestKit kit = new ClientTestKit();

    private FileDeclaration queue(FitSyncClient client, String name, byte[] bytes) throws IOException {
        UploadFileOutcome outcome = client.uploadActivityFile(name, new ByteArrayInputStream(bytes));
        assertThat(outcome).isInstanceOf(UploadFileOutcome.Queued.class);
        return ((UploadFileOutcome.Queued) outcome).file();
    }

    private FileStatus status(FitSyncClient client, UUID id) {
        var future = client.fileStatus(id);
        kit.settle();
        return future.getNow(null);
    }

    @Test
    void aQueuedFileIsDeclaredPutAndCompletedOnTheNextSyncAndItsCopyDeleted() throws IOException {
        FitSyncClient client = kit.client("alice");
        boolean[] closed = {false};
        InputStream appStream = new ByteArrayInputStream(FIT) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        UploadFileOutcome outcome = client.uploadActivityFile("Morning_Run.FIT.gz", appStream);

        FileDeclaration file = ((UploadFileOutcome.Queued) outcome).file();
        assertThat(closed[0]).as("the app's stream is the app's to close").isFalse();
        assertThat(file.size()).isEqualTo(FIT.length);
        assertThat(file.sha256()).isEqualTo(FakeServer.sha256(FIT));
        assertThat(file.filename()).isEqualTo("Morning_Run.FIT.gz");
        assertThat(kit.files.ids("alice")).containsExactly(file.id());
        assertThat(client.status().pendingCount()).isEqualTo(1);
        assertThat(client.queuedOps(10)).extracting(op -> op.key()).containsExactly("file:" + file.id());
        assertThat(status(client, file.id()).state()).isEqualTo(FileStatus.State.QUEUED);

        kit.run(client.syncNow());

        assertThat(kit.server.calls)
                .containsSubsequence(
                        "declare " + file.id(), "put /files/" + file.id(), "complete " + file.id(), "pull 0");
        FakeServer.ServerFile stored = kit.server.files.get(file.id());
        assertThat(stored.bytes).isEqualTo(FIT);
        assertThat(stored.completed).isTrue();
        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(kit.files.ids("alice")).isEmpty();
        assertThat(status(client, file.id()).state()).isEqualTo(FileStatus.State.PROCESSING);

        stored.state = "imported";
        FileStatus imported = status(client, file.id());
        assertThat(imported.state()).isEqualTo(FileStatus.State.IMPORTED);
        assertThat(imported.runId()).contains(UUID.nameUUIDFromBytes(FIT));
    }

    @Test
    void aPutWhoseAnswerWasLostIsNotStoredTwice() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration file = queue(client, "run.fit", FIT);
        kit.server.loseNextPutAnswer();

        kit.run(client.syncNow());

        assertThat(client.status().state()).isEqualTo(SyncState.OFFLINE);
        assertThat(client.queuedOps(10)).hasSize(1);
        assertThat(kit.files.ids("alice")).containsExactly(file.id());

        kit.time.advance(Duration.ofMinutes(1)); // the backoff's retry

        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.server.files).containsOnlyKeys(file.id());
        assertThat(kit.server.puts)
                .as("the re-declaration says the server has the bytes")
                .isEqualTo(1);
        assertThat(kit.server.callsOf("declare ")).hasSize(2);
        assertThat(kit.server.files.get(file.id()).completed).isTrue();
        assertThat(kit.files.ids("alice")).isEmpty();
    }

    @Test
    void aKillAfterTheServerHadEverythingButBeforeTheOpWasClearedCompletesOnce() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration file = queue(client, "run.fit", FIT);
        // What the killed process had done: declared, put and completed, the op still queued.
        var target = ((org.fitsync.client.remote.Exchange.Answered<org.fitsync.client.remote.RemoteFile>)
                        kit.server.declareFile("token-1", file))
                .value()
                .upload()
                .orElseThrow();
        kit.server.uploadFile(target, FIT.length, () -> new ByteArrayInputStream(FIT));
        kit.server.completeFile("token-1", file.id());
        client.close();
        kit.settle();

        FitSyncClient restarted = kit.client("alice");
        kit.run(restarted.syncNow());

        assertThat(restarted.status().pendingCount()).isZero();
        assertThat(kit.server.files).hasSize(1);
        assertThat(kit.server.puts).isEqualTo(1);
        assertThat(kit.files.ids("alice")).isEmpty();
    }

    @Test
    void anotherFileUnderTheSameIdMarksItFailedAndTheQueueGoesOn() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration clashing = queue(client, "run.fit", FIT);
        FileDeclaration fine = queue(client, "walk.gpx", "<gpx/>".getBytes(StandardCharsets.UTF_8));
        kit.server.conflictOnFile(clashing.id());

        kit.run(client.syncNow());
        kit.run(client.syncNow());

        assertThat(client.status().failedCount()).isEqualTo(1);
        assertThat(client.status().pendingCount()).isZero();
        ItemFailure failure = client.failedOps(10).get(0).failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(ItemFailure.Reason.CONFLICT);
        assertThat(failure.status()).contains(409);
        assertThat(failure.problemType()).contains("https://fitsync.dev/problems/file-id-conflict");
        assertThat(kit.server.callsOf("declare " + clashing.id())).hasSize(1);
        assertThat(kit.server.callsOf("put ")).containsExactly("put /files/" + fine.id());
        FileStatus status = status(client, clashing.id());
        assertThat(status.state()).isEqualTo(FileStatus.State.NOT_SENT);
        assertThat(status.failure()).contains(failure);
        assertThat(kit.files.ids("alice")).as("kept for retryFailed").containsExactly(clashing.id());
    }

    @Test
    void aFileTheServerRefusesIsFailedWithItsProblem() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration tooLarge = queue(client, "huge.fit", FIT);
        kit.server.failNext(new TransportFailure.HttpError(
                422,
                Optional.empty(),
                new Problem(
                        "https://fitsync.dev/problems/validation",
                        "Validation failed",
                        "1 field is invalid",
                        List.of(new FieldError("size", "must be at most 67108864")))));

        kit.run(client.syncNow());

        ItemFailure failure = client.failedOps(10).get(0).failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(ItemFailure.Reason.INVALID);
        assertThat(failure.errors()).containsExactly(new FieldError("size", "must be at most 67108864"));
        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(kit.server.files).doesNotContainKey(tooLarge.id());

        FileDeclaration body = queue(client, "other.fit", FIT);
        kit.server.failNextPut(FakeServer.status(413, Optional.empty()));
        kit.run(client.syncNow());

        assertThat(client.failedOps(10))
                .extracting(op -> op.key(), op -> op.failure().orElseThrow().reason())
                .contains(org.assertj.core.groups.Tuple.tuple("file:" + body.id(), ItemFailure.Reason.REFUSED));
    }

    @Test
    void anExpiredUploadUrlIsRetriedWithAFreshOne() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration file = queue(client, "run.fit", FIT);
        kit.server.failNextPut(FakeServer.status(403, Optional.empty()));

        kit.run(client.syncNow());

        assertThat(client.status().state()).isEqualTo(SyncState.ERROR);
        assertThat(client.queuedOps(10).get(0).attempts()).isEqualTo(1);

        kit.time.advance(Duration.ofSeconds(2));

        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.server.files.get(file.id()).completed).isTrue();
        assertThat(kit.server.callsOf("declare ")).hasSize(2);
    }

    @Test
    void offlineTheFileStaysQueuedWithItsCopyAndGoesWhenTheServerIsBack() throws IOException {
        kit.server.setDown(true);
        kit.reachable.set(false);
        FitSyncClient client = kit.client("alice");
        FileDeclaration file = queue(client, "run.tcx", FIT);

        kit.run(client.syncNow());

        assertThat(client.status().state()).isEqualTo(SyncState.OFFLINE);
        assertThat(client.status().pendingCount()).isEqualTo(1);
        assertThat(client.queuedOps(10).get(0).attempts())
                .as("offline counts no attempt")
                .isZero();
        assertThat(kit.files.ids("alice")).containsExactly(file.id());
        assertThat(kit.server.files).isEmpty();

        kit.server.setDown(false);
        kit.reachable.set(true);
        kit.time.advance(Duration.ofSeconds(10));

        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.server.files.get(file.id()).bytes).isEqualTo(FIT);
    }

    @Test
    void aKillBetweenCopyingAndQueueingLeavesNothingToSendAndTheCopyIsSwept() {
        UUID orphan = UUID.randomUUID();
        kit.files.leave("alice", orphan, FIT); // copied, never queued
        kit.files.leave("bob", UUID.randomUUID(), FIT);

        FitSyncClient client = kit.client("alice");
        kit.run(client.syncNow());

        assertThat(kit.files.ids("alice")).isEmpty();
        assertThat(kit.files.ids("bob")).as("another user's files are theirs").hasSize(1);
        assertThat(kit.server.callsOf("declare ")).isEmpty();
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void aQueuedFileSurvivesARestartAndKeepsItsCopy() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration file = queue(client, "run.fit", FIT);
        client.close();
        kit.settle();

        FitSyncClient restarted = kit.client("alice");

        assertThat(kit.files.ids("alice")).containsExactly(file.id());
        kit.run(restarted.syncNow());
        assertThat(kit.server.files.get(file.id()).bytes).isEqualTo(FIT);
    }

    @Test
    void badNamesAndEmptyFilesAreRefusedWithNothingKept() throws IOException {
        FitSyncClient client = kit.client("alice");

        for (String name : List.of("notes.txt", "", "../run.fit", "run", "a".repeat(252) + ".fit")) {
            UploadFileOutcome outcome = client.uploadActivityFile(name, new ByteArrayInputStream(FIT));
            assertThat(outcome).as(name).isInstanceOf(UploadFileOutcome.Invalid.class);
            assertThat(((UploadFileOutcome.Invalid) outcome).errors())
                    .extracting(FieldError::field)
                    .containsExactly("filename");
        }
        UploadFileOutcome empty = client.uploadActivityFile("run.fit", new ByteArrayInputStream(new byte[0]));

        assertThat(((UploadFileOutcome.Invalid) empty).errors())
                .extracting(FieldError::field)
                .containsExactly("size");
        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.files.ids("alice")).isEmpty();
    }

    @Test
    void aFailingSourceQueuesNothingAndKeepsNoCopy() {
        FitSyncClient client = kit.client("alice");
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the card was removed");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("the card was removed");
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.uploadActivityFile("run.fit", broken))
                .isInstanceOf(IOException.class);

        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.files.ids("alice")).isEmpty();
    }

    @Test
    void aLostLocalCopyFailsTheFileAndDiscardingRemovesCopies() throws IOException {
        FitSyncClient client = kit.client("alice");
        FileDeclaration lost = queue(client, "lost.fit", FIT);
        FileDeclaration kept = queue(client, "kept.fit", FIT);
        kit.files.delete("alice", lost.id());
        kit.server.setDown(true);

        kit.run(client.syncNow());

        assertThat(client.failedOps(10).get(0).failure().orElseThrow().reason()).isEqualTo(ItemFailure.Reason.MISSING);
        assertThat(kit.server.callsOf("declare " + lost.id())).isEmpty();

        client.discardLocalChanges();

        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.status().failedCount()).isZero();
        assertThat(kit.files.ids("alice")).doesNotContain(kept.id()).isEmpty();
    }
}

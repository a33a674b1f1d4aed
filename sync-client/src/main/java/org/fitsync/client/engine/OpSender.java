package org.fitsync.client.engine;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalFiles;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.QueuedOp;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.UploadReceipt;
import org.fitsync.client.retry.FailureClass;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;

/**
 * Sends queued runs and device readings, oldest first. Runs go one by one under their client UUID (a
 * re-sent run is answered {@code 200} and stored once); consecutive readings of one kind and source go
 * as one ingest batch, whose per-item results clear or fail each reading. A file is declared under its
 * client UUID, its bytes put at the signed URL the declaration answered with, and completed; each attempt
 * starts over from the declaration, which the server answers for a file it already has without a new
 * upload, so a file is never stored twice. A permanent refusal fails that op and the queue moves on; any
 * other failure ends the step, to be retried later.
 */
final class OpSender {

    private final LocalStore store;
    private final SyncTransport transport;
    private final RetryPolicy policy;
    private final LocalFiles files;

    OpSender(LocalStore store, SyncTransport transport, RetryPolicy policy, LocalFiles files) {
        this.store = store;
        this.transport = transport;
        this.policy = policy;
        this.files = files;
    }

    /** Readings sent per ingest request; the endpoints take up to 1,000. */
    static final int INGEST_BATCH = 100;

    Outcome sendAll(String token) {
        // Ops queued while this runs are sent too, within a bound that keeps a busy app from holding the sync.
        long bound = store.read(tx -> tx.counts().pending());
        long handled = 0;
        while (handled < bound) {
            // The head alone first: a queued run carries its whole track, so no more is read than is sent.
            List<QueuedOp> head = store.read(tx -> tx.queuedOps(1));
            if (head.isEmpty()) {
                return Outcome.DONE;
            }
            if (isBatchable(head.get(0).op())) {
                head = store.read(tx -> tx.queuedOps(INGEST_BATCH));
            }
            List<QueuedOp> batch = batchAtHead(head);
            Optional<Outcome.Stopped> stop = send(token, batch);
            if (stop.isPresent()) {
                return stop.get();
            }
            handled += batch.size();
        }
        return Outcome.DONE;
    }

    /** The first op, and the ops of the same ingest kind and source right behind it. */
    private static List<QueuedOp> batchAtHead(List<QueuedOp> head) {
        QueuedOp first = head.get(0);
        List<QueuedOp> batch = new ArrayList<>();
        batch.add(first);
        if (!isBatchable(first.op())) {
            return batch;
        }
        for (QueuedOp next : head.subList(1, head.size())) {
            if (!sameBatch(first.op(), next.op())) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private static boolean isBatchable(OutboxOp op) {
        return op instanceof OutboxOp.IngestSteps || op instanceof OutboxOp.IngestSleep;
    }

    private static boolean sameBatch(OutboxOp a, OutboxOp b) {
        if (a instanceof OutboxOp.IngestSteps s1 && b instanceof OutboxOp.IngestSteps s2) {
            return s1.source() == s2.source();
        }
        if (a instanceof OutboxOp.IngestSleep s1 && b instanceof OutboxOp.IngestSleep s2) {
            return s1.source() == s2.source();
        }
        return false;
    }

    private Optional<Outcome.Stopped> send(String token, List<QueuedOp> batch) {
        OutboxOp first = batch.get(0).op();
        if (first instanceof OutboxOp.SubmitRun run) {
            return sendRun(token, batch.get(0), run);
        }
        if (first instanceof OutboxOp.UploadFile upload) {
            return sendFile(token, batch.get(0), upload.file());
        }
        DeviceSource source;
        Exchange<IngestReceipt> answer;
        if (first instanceof OutboxOp.IngestSteps steps) {
            source = steps.source();
            List<StepsReading> items = batch.stream()
                    .map(q -> ((OutboxOp.IngestSteps) q.op()).reading())
                    .collect(Collectors.toList());
            answer = transport.ingestSteps(token, source, items);
        } else {
            source = ((OutboxOp.IngestSleep) first).source();
            List<SleepReading> items = batch.stream()
                    .map(q -> ((OutboxOp.IngestSleep) q.op()).reading())
                    .collect(Collectors.toList());
            answer = transport.ingestSleep(token, source, items);
        }
        if (answer instanceof Exchange.Failed<IngestReceipt> failed) {
            return onFailure(batch, failed.failure());
        }
        IngestReceipt receipt = ((Exchange.Answered<IngestReceipt>) answer).value();
        store.write(tx -> {
            for (IngestReceipt.ItemResult result : receipt.results()) {
                if (result.index() < 0 || result.index() >= batch.size()) {
                    continue;
                }
                QueuedOp op = batch.get(result.index());
                if (result.accepted()) {
                    tx.removeOp(op.sequence());
                } else {
                    tx.updateOp(op.withAttempts(
                            op.attempts() + 1,
                            Optional.of(new ItemFailure(
                                    ItemFailure.Reason.INVALID,
                                    "the server refused this reading",
                                    Optional.of(207),
                                    Optional.empty(),
                                    result.errors()))));
                }
            }
            return null;
        });
        return Optional.empty();
    }

    private Optional<Outcome.Stopped> sendRun(String token, QueuedOp queued, OutboxOp.SubmitRun run) {
        store.write(tx -> {
            tx.saveRunLifecycle(run.run().id(), RunLifecycle.of(RunLifecycle.State.SYNCING));
            return null;
        });
        Exchange<RunReceipt> answer = transport.submitRun(token, run.run());
        if (answer instanceof Exchange.Failed<RunReceipt> failed) {
            return onFailure(List.of(queued), failed.failure());
        }
        store.write(tx -> {
            tx.removeOp(queued.sequence());
            tx.saveRunLifecycle(run.run().id(), RunLifecycle.of(RunLifecycle.State.SYNCED));
            return null;
        });
        return Optional.empty();
    }

    private Optional<Outcome.Stopped> sendFile(String token, QueuedOp queued, FileDeclaration file) {
        String userId = store.userId();
        try {
            // The local copy must be there; it is opened again for each attempt to put it.
            files.open(userId, file.id()).close();
        } catch (FileNotFoundException e) {
            // Removed outside the client: retrying cannot bring it back.
            store.write(tx -> {
                tx.updateOp(queued.withAttempts(
                        queued.attempts() + 1,
                        Optional.of(ItemFailure.of(ItemFailure.Reason.MISSING, "the local copy of the file is gone"))));
                return null;
            });
            return Optional.empty();
        } catch (IOException e) {
            // Storage that is there but unreadable now (unmounted, busy) may be readable later.
            return onFailure(
                    List.of(queued),
                    new TransportFailure.Unreachable("the local copy cannot be read: " + e.getMessage()),
                    FailureClass.TRANSIENT);
        }
        Exchange<RemoteFile> declared = transport.declareFile(token, file);
        if (declared instanceof Exchange.Failed<RemoteFile> failed) {
            return onFailure(List.of(queued), failed.failure());
        }
        RemoteFile remote = ((Exchange.Answered<RemoteFile>) declared).value();
        if (remote.upload().isPresent()) {
            Exchange<UploadReceipt> put =
                    transport.uploadFile(remote.upload().get(), file.size(), () -> files.open(userId, file.id()));
            if (put instanceof Exchange.Failed<UploadReceipt> failed) {
                return onFailure(List.of(queued), failed.failure(), uploadFailureClass(failed.failure()));
            }
        }
        Exchange<RemoteFile> completed = transport.completeFile(token, file.id());
        if (completed instanceof Exchange.Failed<RemoteFile> failed) {
            return onFailure(List.of(queued), failed.failure());
        }
        store.write(tx -> {
            tx.removeOp(queued.sequence());
            return null;
        });
        try {
            files.delete(userId, file.id());
        } catch (IOException e) {
            // The server has the file; a copy left behind is swept at the next sign-in.
        }
        return Optional.empty();
    }

    /**
     * The signed URL expired, was refused or its file was removed as unfinished: the next declaration signs a
     * fresh one (or re-creates the file), so these are retried like a server error, not failed at once.
     */
    private static FailureClass uploadFailureClass(TransportFailure failure) {
        if (failure instanceof TransportFailure.HttpError error
                && (error.status() == 401 || error.status() == 403 || error.status() == 404)) {
            return FailureClass.TRANSIENT;
        }
        return FailureClass.of(failure);
    }

    private Optional<Outcome.Stopped> onFailure(List<QueuedOp> batch, TransportFailure failure) {
        return onFailure(batch, failure, FailureClass.of(failure));
    }

    /** Records the failure on each op; returns it when it ends the step. */
    private Optional<Outcome.Stopped> onFailure(List<QueuedOp> batch, TransportFailure failure, FailureClass kind) {
        store.write(tx -> {
            for (QueuedOp op : batch) {
                Optional<ItemFailure> itemFailure;
                int attempts = op.attempts();
                if (kind == FailureClass.PERMANENT) {
                    attempts++;
                    itemFailure = Optional.of(ItemFailures.refused((TransportFailure.HttpError) failure));
                } else if (kind == FailureClass.TRANSIENT) {
                    attempts++;
                    itemFailure = ItemFailures.afterAttempt(attempts, policy, failure);
                } else {
                    itemFailure = Optional.empty();
                }
                tx.updateOp(op.withAttempts(attempts, itemFailure));
                if (op.op() instanceof OutboxOp.SubmitRun run) {
                    tx.saveRunLifecycle(
                            run.run().id(),
                            itemFailure
                                    .map(RunLifecycle::failed)
                                    .orElse(RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY)));
                }
            }
            return null;
        });
        return kind == FailureClass.PERMANENT ? Optional.empty() : Optional.of(new Outcome.Stopped(failure, kind));
    }
}

package org.fitsync.client.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.client.retry.FailureClass;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.domain.sync.RecordId;

/**
 * Pushes local record changes in batches of bounded size. A change leaves the outbox only when the
 * server acknowledged the push that carried it, and only if the record was not written again while
 * the push was in flight (its local version still matches); a record the server refused is marked
 * failed with the reason. Lost answers are harmless: the change stays pending and the server applies
 * a re-sent push as it applied the first.
 */
final class RecordPusher {

    private final LocalStore store;
    private final SyncTransport transport;
    private final RetryPolicy policy;
    private final int batchSize;

    RecordPusher(LocalStore store, SyncTransport transport, RetryPolicy policy, int batchSize) {
        this.store = store;
        this.transport = transport;
        this.policy = policy;
        this.batchSize = batchSize;
    }

    /** Pushes what is pending now; {@code progress} gets (sent, total) after each batch. */
    Outcome pushAll(String token, BiConsumer<Long, Long> progress) {
        long total = store.read(tx -> tx.counts().pending());
        long sent = 0;
        // Writes made during the sync are picked up too, but a fixed number of rounds keeps a busy app
        // from holding the sync forever; what is left goes with the next sync.
        long rounds = total / batchSize + 2;
        for (long round = 0; round < rounds; round++) {
            List<LocalRecord> batch = store.read(tx -> tx.pendingRecords(batchSize));
            if (batch.isEmpty()) {
                return Outcome.DONE;
            }
            long lastPulledAt = store.read(tx -> tx.meta().lastPulledAt());
            Exchange<PushReceipt> answer = transport.push(token, new PushRequest(lastPulledAt, changesOf(batch)));
            if (answer instanceof Exchange.Failed<PushReceipt> failed) {
                recordFailure(batch, failed.failure());
                return Outcome.stopped(failed.failure());
            }
            acknowledge(batch, ((Exchange.Answered<PushReceipt>) answer).value());
            sent += batch.size();
            progress.accept(sent, Math.max(total, sent));
        }
        return Outcome.DONE;
    }

    private static Map<String, CollectionChanges> changesOf(List<LocalRecord> batch) {
        Map<String, List<WireRecord>> created = new LinkedHashMap<>();
        Map<String, List<WireRecord>> updated = new LinkedHashMap<>();
        Map<String, List<RecordId>> deleted = new LinkedHashMap<>();
        for (LocalRecord record : batch) {
            String collection = record.collection();
            created.computeIfAbsent(collection, c -> new ArrayList<>());
            updated.computeIfAbsent(collection, c -> new ArrayList<>());
            deleted.computeIfAbsent(collection, c -> new ArrayList<>());
            WireRecord wire = new WireRecord(record.id(), record.values(), record.createdAt(), record.updatedAt());
            switch (record.state()) {
                case CREATED -> created.get(collection).add(wire);
                case UPDATED -> updated.get(collection).add(wire);
                case DELETED -> deleted.get(collection).add(record.id());
                case SYNCED -> throw new IllegalStateException("a synced record is not pending");
            }
        }
        Map<String, CollectionChanges> changes = new LinkedHashMap<>();
        created.keySet()
                .forEach(c -> changes.put(c, new CollectionChanges(created.get(c), updated.get(c), deleted.get(c))));
        return changes;
    }

    private void acknowledge(List<LocalRecord> batch, PushReceipt receipt) {
        store.write(tx -> {
            for (LocalRecord sent : batch) {
                Optional<LocalRecord> current = tx.find(sent.collection(), sent.id());
                if (!current.isPresent() || current.get().localVersion() != sent.localVersion()) {
                    continue; // written again (or deleted by a pull) while the push was in flight
                }
                if (receipt.isRejected(sent.collection(), sent.id())) {
                    tx.save(sent.withAttempts(
                            sent.attempts(),
                            Optional.of(ItemFailure.of(
                                    ItemFailure.Reason.REJECTED,
                                    "the server refused this change (deleted on the server, or breaks its rules)"))));
                } else if (sent.state() == RecordState.DELETED) {
                    tx.remove(sent.collection(), sent.id());
                } else {
                    tx.save(sent.withOutbox(RecordState.SYNCED, Set.of(), 0, Optional.empty()));
                }
            }
            return null;
        });
    }

    private void recordFailure(List<LocalRecord> batch, TransportFailure failure) {
        FailureClass kind = FailureClass.of(failure);
        if (kind == FailureClass.OFFLINE || kind == FailureClass.AUTH) {
            return; // not the items' fault: nothing is counted against them
        }
        store.write(tx -> {
            for (LocalRecord sent : batch) {
                Optional<LocalRecord> current = tx.find(sent.collection(), sent.id());
                if (!current.isPresent() || current.get().localVersion() != sent.localVersion()) {
                    continue;
                }
                if (kind == FailureClass.PERMANENT) {
                    tx.save(sent.withAttempts(
                            sent.attempts() + 1,
                            Optional.of(ItemFailures.refused((TransportFailure.HttpError) failure))));
                } else {
                    int attempts = sent.attempts() + 1;
                    tx.save(sent.withAttempts(attempts, ItemFailures.afterAttempt(attempts, policy, failure)));
                }
            }
            return null;
        });
    }
}

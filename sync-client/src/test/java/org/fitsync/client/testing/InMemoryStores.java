package org.fitsync.client.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalStores;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.QueuedOp;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.domain.sync.RecordId;

/** Local stores in memory for the core's tests: one per user, transactions that commit whole or not at all. */
public final class InMemoryStores implements LocalStores {

    private final Map<String, Data> byUser = new HashMap<>();

    @Override
    public synchronized LocalStore open(String userId) {
        return new Store(userId, byUser.computeIfAbsent(userId, u -> new Data()));
    }

    private static final class Data {
        Map<String, LocalRecord> records = new LinkedHashMap<>();
        Map<Long, QueuedOp> ops = new LinkedHashMap<>();
        Map<UUID, RunLifecycle> runs = new HashMap<>();
        StoreMeta meta = StoreMeta.fresh(1);
        long localVersion;
        long opSequence;

        Data copy() {
            Data copy = new Data();
            copy.records = new LinkedHashMap<>(records);
            copy.ops = new LinkedHashMap<>(ops);
            copy.runs = new HashMap<>(runs);
            copy.meta = meta;
            copy.localVersion = localVersion;
            copy.opSequence = opSequence;
            return copy;
        }

        void restore(Data from) {
            records = from.records;
            ops = from.ops;
            runs = from.runs;
            meta = from.meta;
            localVersion = from.localVersion;
            opSequence = from.opSequence;
        }
    }

    private static final class Store implements LocalStore {
        private final String userId;
        private final Data data;
        private boolean closed;

        Store(String userId, Data data) {
            this.userId = userId;
            this.data = data;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public <T> T write(Function<LocalTransaction, T> work) {
            synchronized (data) {
                check();
                Data before = data.copy();
                try {
                    return work.apply(new Tx(data));
                } catch (RuntimeException e) {
                    data.restore(before);
                    throw e;
                }
            }
        }

        @Override
        public <T> T read(Function<LocalTransaction, T> work) {
            return write(work);
        }

        @Override
        public void close() {
            closed = true;
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("store closed");
            }
        }
    }

    private record Tx(Data data) implements LocalTransaction {

        private static String key(String collection, RecordId id) {
            return collection + "/" + id.value();
        }

        @Override
        public Optional<LocalRecord> find(String collection, RecordId id) {
            return Optional.ofNullable(data.records.get(key(collection, id)));
        }

        @Override
        public void save(LocalRecord record) {
            data.records.put(key(record.collection(), record.id()), record);
        }

        @Override
        public void remove(String collection, RecordId id) {
            data.records.remove(key(collection, id));
        }

        @Override
        public List<LocalRecord> query(RecordQuery query) {
            return data.records.values().stream()
                    .filter(r -> r.collection().equals(query.collection()) && !r.isDeleted())
                    .filter(r -> query.column().isEmpty()
                            || r.value(query.column().get())
                                    .equals(query.value().get()))
                    .filter(r -> query.afterId().isEmpty()
                            || r.id().value().compareTo(query.afterId().get()) > 0)
                    .sorted(Comparator.comparing(r -> r.id().value()))
                    .limit(query.limit())
                    .toList();
        }

        @Override
        public List<LocalRecord> pendingRecords(int limit) {
            return data.records.values().stream()
                    .filter(LocalRecord::isPending)
                    .sorted(Comparator.comparingLong(LocalRecord::localVersion))
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<LocalRecord> failedRecords(int limit) {
            return data.records.values().stream()
                    .filter(LocalRecord::isFailed)
                    .limit(limit)
                    .toList();
        }

        @Override
        public int removeSyncedOutside(long mark) {
            List<String> gone = new ArrayList<>();
            data.records.forEach((k, r) -> {
                if (r.state() == RecordState.SYNCED && r.pullMark() != mark) {
                    gone.add(k);
                }
            });
            gone.forEach(data.records::remove);
            return gone.size();
        }

        @Override
        public long nextLocalVersion() {
            return ++data.localVersion;
        }

        @Override
        public StoreMeta meta() {
            return data.meta;
        }

        @Override
        public void saveMeta(StoreMeta meta) {
            data.meta = meta;
        }

        @Override
        public void enqueue(OutboxOp op) {
            data.ops.values().removeIf(q -> q.key().equals(op.key()));
            long sequence = ++data.opSequence;
            data.ops.put(sequence, new QueuedOp(sequence, op, 0, Optional.empty()));
        }

        @Override
        public List<QueuedOp> queuedOps(int limit) {
            return data.ops.values().stream()
                    .filter(q -> !q.isFailed())
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<QueuedOp> failedOps(int limit) {
            return data.ops.values().stream()
                    .filter(QueuedOp::isFailed)
                    .limit(limit)
                    .toList();
        }

        @Override
        public void updateOp(QueuedOp op) {
            data.ops.replace(op.sequence(), op);
        }

        @Override
        public void removeOp(long sequence) {
            data.ops.remove(sequence);
        }

        @Override
        public Optional<RunLifecycle> runLifecycle(UUID runId) {
            return Optional.ofNullable(data.runs.get(runId));
        }

        @Override
        public void saveRunLifecycle(UUID runId, RunLifecycle lifecycle) {
            data.runs.put(runId, lifecycle);
        }

        @Override
        public OutboxCounts counts() {
            int pending = (int) data.records.values().stream()
                            .filter(LocalRecord::isPending)
                            .count()
                    + (int) data.ops.values().stream()
                            .filter(q -> !q.isFailed())
                            .count();
            int failed = (int) data.records.values().stream()
                            .filter(LocalRecord::isFailed)
                            .count()
                    + (int) data.ops.values().stream()
                            .filter(QueuedOp::isFailed)
                            .count();
            return new OutboxCounts(pending, failed);
        }

        @Override
        public void discardLocalChanges() {
            data.ops.clear();
            data.records.values().removeIf(r -> r.state().hasLocalChange());
            data.runs.replaceAll((id, run) -> run.state() == RunLifecycle.State.SYNCED
                            || run.state() == RunLifecycle.State.FAILED
                    ? run
                    : RunLifecycle.failed(ItemFailure.of(ItemFailure.Reason.REFUSED, "discarded on this device")));
        }
    }
}

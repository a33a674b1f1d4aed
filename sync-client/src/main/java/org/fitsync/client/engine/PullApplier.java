package org.fitsync.client.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.fitsync.client.ClientSchema;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.ConflictStrategy;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/**
 * Writes one pulled page into the local store in chunks of bounded size, so memory stays flat however
 * large the page. A pulled record replaces a synced one; over a record with local changes the local
 * values of the changed columns are kept (WatermelonDB's rule), except in {@code server_wins}
 * collections, where the server's record is taken whole. A record deleted on the server is deleted
 * locally, local changes or not (deletes win). The page's cursor is saved with its last chunk: a page
 * cut off midway is pulled again, and applying a record twice changes nothing.
 */
final class PullApplier implements PullSink {

    private sealed interface Change {}

    private record Upsert(String collection, WireRecord record) implements Change {}

    private record Delete(String collection, RecordId id) implements Change {}

    private final LocalStore store;
    private final ClientSchema schema;
    private final long pullMark;
    private final int chunkSize;
    private final Consumer<Set<String>> onApplied;
    private final List<Change> chunk = new ArrayList<>();
    private long received;

    PullApplier(LocalStore store, ClientSchema schema, long pullMark, int chunkSize, Consumer<Set<String>> onApplied) {
        this.store = store;
        this.schema = schema;
        this.pullMark = pullMark;
        this.chunkSize = chunkSize;
        this.onApplied = onApplied;
    }

    @Override
    public void record(String collection, WireRecord record) {
        add(new Upsert(collection, record));
    }

    @Override
    public void deleted(String collection, RecordId id) {
        add(new Delete(collection, id));
    }

    long received() {
        return received;
    }

    /** Applies what is buffered and moves the cursor, in one transaction. */
    void finish(UnaryOperator<StoreMeta> next, boolean sweepUnsent) {
        List<Change> last = List.copyOf(chunk);
        chunk.clear();
        Set<String> touched = store.write(tx -> {
            Set<String> collections = apply(tx, last);
            if (sweepUnsent && tx.removeSyncedOutside(pullMark) > 0) {
                schema.collections().all().forEach(c -> collections.add(c.name()));
            }
            tx.saveMeta(next.apply(tx.meta()));
            return collections;
        });
        if (!touched.isEmpty()) {
            onApplied.accept(touched);
        }
    }

    private void add(Change change) {
        received++;
        chunk.add(change);
        if (chunk.size() >= chunkSize) {
            List<Change> full = List.copyOf(chunk);
            chunk.clear();
            Set<String> touched = store.write(tx -> apply(tx, full));
            if (!touched.isEmpty()) {
                onApplied.accept(touched);
            }
        }
    }

    private Set<String> apply(LocalTransaction tx, List<Change> changes) {
        Set<String> touched = new HashSet<>();
        // Without a single local change in the store (a first sync, mostly) there is nothing to merge
        // with, so the pulled records are written without reading each one first.
        boolean merging =
                !tx.pendingRecords(1).isEmpty() || !tx.failedRecords(1).isEmpty();
        for (Change change : changes) {
            if (change instanceof Upsert upsert) {
                Optional<Collection> collection = schema.collections().find(upsert.collection());
                if (collection.isPresent() && upsert(tx, collection.get(), upsert.record(), merging)) {
                    touched.add(upsert.collection());
                }
            } else if (change instanceof Delete delete) {
                if (schema.collections().find(delete.collection()).isPresent()
                        && tx.find(delete.collection(), delete.id()).isPresent()) {
                    tx.remove(delete.collection(), delete.id());
                    touched.add(delete.collection());
                }
            }
        }
        return touched;
    }

    private boolean upsert(LocalTransaction tx, Collection collection, WireRecord remote, boolean merging) {
        Map<String, Value> values = sanitised(collection, remote.values());
        Optional<LocalRecord> existing = merging ? tx.find(collection.name(), remote.id()) : Optional.empty();
        if (existing.isPresent() && existing.get().state().hasLocalChange()) {
            LocalRecord local = existing.get();
            if (local.isDeleted()) {
                // The local delete is pushed next; the server's values do not bring the record back.
                tx.save(withMark(local));
                return false;
            }
            if (collection.strategy() != ConflictStrategy.SERVER_WINS) {
                Set<String> keep =
                        local.state() == RecordState.CREATED ? local.values().keySet() : local.changedColumns();
                Map<String, Value> merged = new LinkedHashMap<>(values);
                for (String column :
                        collection.columns().stream().map(c -> c.name()).collect(Collectors.toList())) {
                    if (keep.contains(column) || local.state() == RecordState.CREATED) {
                        Value mine = local.value(column);
                        if (mine.equals(Value.NULL)) {
                            merged.remove(column);
                        } else {
                            merged.put(column, mine);
                        }
                    }
                }
                tx.save(new LocalRecord(
                        collection.name(),
                        local.id(),
                        merged,
                        remote.createdAt(),
                        local.updatedAt(),
                        local.state(),
                        local.changedColumns(),
                        local.localVersion(),
                        pullMark,
                        local.attempts(),
                        local.failure()));
                return true;
            }
        }
        tx.save(new LocalRecord(
                collection.name(),
                remote.id(),
                values,
                remote.createdAt(),
                remote.updatedAt(),
                RecordState.SYNCED,
                Set.of(),
                0,
                pullMark,
                0,
                Optional.empty()));
        return true;
    }

    private LocalRecord withMark(LocalRecord local) {
        return new LocalRecord(
                local.collection(),
                local.id(),
                local.values(),
                local.createdAt(),
                local.updatedAt(),
                local.state(),
                local.changedColumns(),
                local.localVersion(),
                pullMark,
                local.attempts(),
                local.failure());
    }

    /** The declared columns only, each as the column stores it; nulls are left out. */
    private static Map<String, Value> sanitised(Collection collection, Map<String, Value> raw) {
        Map<String, Value> values = new LinkedHashMap<>();
        collection.columns().forEach(column -> {
            Value value = column.sanitise(raw.getOrDefault(column.name(), Value.NULL));
            if (!value.equals(Value.NULL)) {
                values.put(column.name(), value);
            }
        });
        return values;
    }
}

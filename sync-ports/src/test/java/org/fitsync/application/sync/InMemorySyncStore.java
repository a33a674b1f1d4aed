package org.fitsync.application.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.PulledRecord;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.PurgeHorizonPort;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * The sync out-ports over maps, with the contracts of the PostgreSQL ones (positions, scopes, live
 * records before tombstones, purges), recording which read methods a pull used. Transactions are
 * only recorded: tests run on one thread.
 */
final class InMemorySyncStore implements SyncRecordStore, SyncVersionPort, TransactionPort, PurgeHorizonPort {

    private record Key(UserId user, String collection, RecordId id) {}

    private record Row(StoredRecord stored, long deletedAtMs) {}

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private final Map<UserId, Long> versions = new HashMap<>();
    private final Map<UserId, Long> horizons = new HashMap<>();
    /** The calls a test may check, e.g. {@code "snapshot"}, {@code "stream [workouts]"}, {@code "page 3"}. */
    final List<String> calls = new ArrayList<>();

    /** Commits one write transaction storing {@code records} live; returns its version. */
    long upsert(UserId user, Collection collection, SyncRecord... records) {
        return commit(user, collection, (version, writes) -> {
            for (SyncRecord record : records) {
                boolean existing = rows.containsKey(new Key(user, collection.name(), record.id()));
                writes.add(new RecordWrite.Upsert(record, new ChangePosition(version, writes.size()), existing));
            }
        });
    }

    /** Commits a write turning {@code ids} into tombstones deleted at {@code atMs}; returns its version. */
    long delete(UserId user, Collection collection, long atMs, RecordId... ids) {
        return commit(user, collection, (version, writes) -> {
            for (RecordId id : ids) {
                writes.add(new RecordWrite.Tombstone(id, new ChangePosition(version, writes.size()), atMs));
            }
        });
    }

    private interface WriteBuilder {
        void add(long version, List<RecordWrite> writes);
    }

    private long commit(UserId user, Collection collection, WriteBuilder builder) {
        return inUserTransaction(user, () -> {
            long version = claimNextVersion(user);
            List<RecordWrite> writes = new ArrayList<>();
            builder.add(version, writes);
            write(user, collection, writes);
            return version;
        });
    }

    @Override
    public <T> T inUserTransaction(UserId user, Supplier<T> work) {
        calls.add("transaction");
        return work.get();
    }

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        calls.add("snapshot");
        return work.get();
    }

    @Override
    public long claimNextVersion(UserId user) {
        return versions.merge(user, 1L, Long::sum);
    }

    @Override
    public long currentVersion(UserId user) {
        return versions.getOrDefault(user, 0L);
    }

    @Override
    public long purgeHorizon(UserId user) {
        return horizons.getOrDefault(user, 0L);
    }

    @Override
    public void raisePurgeHorizon(UserId user, long version) {
        horizons.merge(user, version, Math::max);
    }

    @Override
    public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        Map<RecordId, StoredRecord> found = new HashMap<>();
        for (RecordId id : ids) {
            Row row = rows.get(new Key(user, collection.name(), id));
            if (row != null) {
                found.put(id, row.stored());
            }
        }
        return found;
    }

    @Override
    public void write(UserId user, Collection collection, List<RecordWrite> writes) {
        for (RecordWrite write : writes) {
            Key key = new Key(user, collection.name(), write.id());
            Row before = rows.get(key);
            if (write instanceof RecordWrite.Upsert upsert) {
                if (upsert.existing() != (before != null)) {
                    throw new IllegalStateException("existing=" + upsert.existing() + " but the store says otherwise");
                }
                rows.put(key, new Row(new StoredRecord(upsert.record(), false, write.position()), 0));
            } else if (write instanceof RecordWrite.Tombstone tombstone) {
                // A tombstone keeps only the id, as the PostgreSQL store does.
                SyncRecord bare = new SyncRecord(write.id(), Map.of(), 0, 0);
                rows.put(key, new Row(new StoredRecord(bare, true, write.position()), tombstone.deletedAtMs()));
            } else if (before != null) {
                StoredRecord stored = before.stored();
                rows.put(key, new Row(new StoredRecord(stored.record(), stored.deleted(), write.position()),
                        before.deletedAtMs()));
            }
        }
    }

    @Override
    public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        calls.add("stream " + scope.collections().stream().map(Collection::name).toList());
        for (Collection collection : scope.collections()) {
            List<Row> matching = rowsOf(user, collection).stream().filter(row -> inScope(row, collection, scope))
                    .sorted(Comparator.comparing(row -> row.stored().deleted())) // records before deleted ids
                    .toList();
            matching.forEach(row -> sink.accept(change(collection, row)));
        }
    }

    @Override
    public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        calls.add("page " + limit);
        List<Row> matching = new ArrayList<>();
        List<Collection> owners = new ArrayList<>();
        for (Collection collection : scope.collections()) {
            for (Row row : rowsOf(user, collection)) {
                if (atOrAfter(row, scope)) {
                    matching.add(row);
                    owners.add(collection);
                }
            }
        }
        List<StoredChange> changes = new ArrayList<>();
        for (int i = 0; i < matching.size(); i++) {
            changes.add(change(owners.get(i), matching.get(i)));
        }
        changes.sort(Comparator.comparing(StoredChange::position));
        return List.copyOf(changes.subList(0, Math.min(limit, changes.size())));
    }

    @Override
    public OptionalLong purgeTombstones(UserId user, Instant cutoff) {
        OptionalLong highest = OptionalLong.empty();
        for (var it = rows.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Row row = entry.getValue();
            boolean expired = row.stored().deleted() && row.deletedAtMs() < cutoff.toEpochMilli();
            if (entry.getKey().user().equals(user) && expired) {
                long version = row.stored().position().version();
                highest = OptionalLong.of(Math.max(version, highest.orElse(0)));
                it.remove();
            }
        }
        return highest;
    }

    private List<Row> rowsOf(UserId user, Collection collection) {
        List<Row> found = new ArrayList<>();
        rows.forEach((key, row) -> {
            if (key.user().equals(user) && key.collection().equals(collection.name())) {
                found.add(row);
            }
        });
        return found;
    }

    private static boolean atOrAfter(Row row, ChangeScope scope) {
        return !row.stored().position().isBefore(scope.from()) && !(scope.liveOnly() && row.stored().deleted());
    }

    private static boolean inScope(Row row, Collection collection, ChangeScope scope) {
        if (atOrAfter(row, scope)) {
            return true;
        }
        if (row.stored().deleted()) {
            return false;
        }
        if (scope.wholeCollections().contains(collection.name())) {
            return true;
        }
        return scope.nonNullColumns().getOrDefault(collection.name(), Set.of()).stream()
                .anyMatch(column -> !row.stored().record().field(column).equals(Value.NULL));
    }

    private static StoredChange change(Collection collection, Row row) {
        StoredRecord stored = row.stored();
        return stored.deleted()
                ? StoredChange.tombstone(collection.name(), stored.id(), stored.position())
                : StoredChange.live(collection.name(), stored.position(), new PulledRecord.Fields(stored.record()));
    }
}

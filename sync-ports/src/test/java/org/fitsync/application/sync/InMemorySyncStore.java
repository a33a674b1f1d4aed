package org.fitsync.application.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiPredicate;
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
 * The sync engine's out-ports in memory, for unit tests of the push and pull services without
 * PostgreSQL: records and tombstones keyed like the table ({@code user, collection, id}), per-user
 * versions and purge horizons, and transactions that roll every change back when their work throws.
 */
final class InMemorySyncStore implements SyncRecordStore, SyncVersionPort, TransactionPort, PurgeHorizonPort {

    /** One stored row: the record as a push stored it, and when it was deleted if it is a tombstone. */
    record Row(StoredRecord stored, OptionalLong deletedAtMs) {}

    private record Key(UserId user, String collection, RecordId id) {}

    private Map<Key, Row> rows = new LinkedHashMap<>();
    private Map<UserId, Long> versions = new HashMap<>();
    private Map<UserId, Long> horizons = new HashMap<>();
    private BiPredicate<Collection, SyncRecord> accepts = (collection, record) -> true;
    private boolean inTransaction;
    private int transactions;
    /** The calls a test may check, e.g. {@code "snapshot"}, {@code "stream [workouts]"}, {@code "page 3"}. */
    final List<String> calls = new ArrayList<>();

    // ---- What tests arrange and inspect ---------------------------------------------------------

    /** From now on the store refuses records matching {@code refused}, as a dedicated store may. */
    void refuse(BiPredicate<Collection, SyncRecord> refused) {
        accepts = refused.negate();
    }

    Optional<Row> row(UserId user, String collection, String id) {
        return Optional.ofNullable(rows.get(new Key(user, collection, new RecordId(id))));
    }

    Optional<SyncRecord> live(UserId user, String collection, String id) {
        return row(user, collection, id)
                .filter(r -> r.deletedAtMs().isEmpty())
                .map(r -> r.stored().record());
    }

    /** Everything stored, for comparing states before and after. */
    Map<String, Row> snapshot() {
        Map<String, Row> copy = new LinkedHashMap<>();
        rows.forEach((k, v) -> copy.put(k.user().value() + "/" + k.collection() + "/" + k.id().value(), v));
        return copy;
    }

    int transactionsRun() {
        return transactions;
    }

    /**
     * Runs a test's own arrangement with the ports unlocked but unobserved: not logged in
     * {@link #calls}, not counted as a transaction, and not rolled back.
     */
    <T> T arrange(Supplier<T> work) {
        boolean was = inTransaction;
        inTransaction = true;
        try {
            return work.get();
        } finally {
            inTransaction = was;
        }
    }

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

    // ---- TransactionPort ------------------------------------------------------------------------

    @Override
    public <T> T inUserTransaction(UserId user, Supplier<T> work) {
        calls.add("transaction");
        return transaction(work);
    }

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        calls.add("snapshot");
        return transaction(work);
    }

    private <T> T transaction(Supplier<T> work) {
        if (inTransaction) {
            throw new IllegalStateException("transactions do not nest");
        }
        Map<Key, Row> rowsBefore = new LinkedHashMap<>(rows);
        Map<UserId, Long> versionsBefore = new HashMap<>(versions);
        Map<UserId, Long> horizonsBefore = new HashMap<>(horizons);
        inTransaction = true;
        transactions++;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            rows = rowsBefore;
            versions = versionsBefore;
            horizons = horizonsBefore;
            throw e;
        } finally {
            inTransaction = false;
        }
    }

    private void requireTransaction() {
        if (!inTransaction) {
            throw new IllegalStateException("sync ports are used inside a transaction");
        }
    }

    // ---- SyncVersionPort ------------------------------------------------------------------------

    @Override
    public long claimNextVersion(UserId user) {
        requireTransaction();
        return versions.merge(user, 1L, Long::sum);
    }

    @Override
    public long currentVersion(UserId user) {
        return versions.getOrDefault(user, 0L);
    }

    // ---- PurgeHorizonPort -----------------------------------------------------------------------

    @Override
    public long purgeHorizon(UserId user) {
        return horizons.getOrDefault(user, 0L);
    }

    @Override
    public void raisePurgeHorizon(UserId user, long version) {
        requireTransaction();
        horizons.merge(user, version, Math::max);
    }

    // ---- SyncRecordStore: writes ----------------------------------------------------------------

    @Override
    public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        requireTransaction();
        Map<RecordId, StoredRecord> found = new LinkedHashMap<>();
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
        requireTransaction();
        for (RecordWrite write : writes) {
            Key key = new Key(user, collection.name(), write.id());
            Row before = rows.get(key);
            if (write instanceof RecordWrite.Upsert upsert) {
                if (upsert.existing() != (before != null)) {
                    throw new IllegalStateException("upsert of " + key + " claims existing=" + upsert.existing());
                }
                rows.put(
                        key,
                        new Row(new StoredRecord(upsert.record(), false, upsert.position()), OptionalLong.empty()));
            } else if (write instanceof RecordWrite.Tombstone tombstone) {
                SyncRecord last =
                        before != null ? before.stored().record() : new SyncRecord(write.id(), Map.of(), 0, 0);
                rows.put(
                        key,
                        new Row(
                                new StoredRecord(last, true, tombstone.position()),
                                OptionalLong.of(tombstone.deletedAtMs())));
            } else if (write instanceof RecordWrite.Restamp restamp && before != null) {
                rows.put(
                        key,
                        new Row(
                                new StoredRecord(
                                        before.stored().record(),
                                        before.stored().deleted(),
                                        restamp.position()),
                                before.deletedAtMs()));
            }
        }
    }

    @Override
    public boolean accepts(Collection collection, SyncRecord record, boolean exists) {
        return accepts.test(collection, record);
    }

    @Override
    public OptionalLong purgeTombstones(UserId user, Instant cutoff) {
        requireTransaction();
        List<Key> expired = new ArrayList<>();
        long highest = 0;
        for (Map.Entry<Key, Row> entry : rows.entrySet()) {
            OptionalLong deletedAt = entry.getValue().deletedAtMs();
            if (entry.getKey().user().equals(user)
                    && deletedAt.isPresent()
                    && deletedAt.getAsLong() < cutoff.toEpochMilli()) {
                expired.add(entry.getKey());
                highest = Math.max(highest, entry.getValue().stored().position().version());
            }
        }
        expired.forEach(rows::remove);
        return expired.isEmpty() ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    // ---- SyncRecordStore: pulls -----------------------------------------------------------------

    @Override
    public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        calls.add("stream " + scope.collections().stream().map(Collection::name).toList());
        for (Collection collection : scope.collections()) {
            List<Row> matching = rowsOf(user, collection).stream()
                    .filter(row -> inScope(row, collection, scope))
                    .sorted(Comparator.comparing(row -> row.stored().deleted())) // records before deleted ids
                    .toList();
            matching.forEach(row -> sink.accept(change(collection, row)));
        }
    }

    @Override
    public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        calls.add("page " + limit);
        List<StoredChange> changes = new ArrayList<>();
        for (Collection collection : scope.collections()) {
            for (Row row : rowsOf(user, collection)) {
                if (atOrAfter(row, scope)) {
                    changes.add(change(collection, row));
                }
            }
        }
        changes.sort(Comparator.comparing(StoredChange::position));
        return List.copyOf(changes.subList(0, Math.min(limit, changes.size())));
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
        return !row.stored().position().isBefore(scope.from())
                && !(scope.liveOnly() && row.stored().deleted());
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

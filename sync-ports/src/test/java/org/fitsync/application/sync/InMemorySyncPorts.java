package org.fitsync.application.sync;

import java.time.Instant;
import java.util.ArrayList;
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
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.PurgeHorizonPort;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * The push side of sync in memory: records, per-user versions, purge horizons and transactions. A
 * transaction works on the live state and puts back a copy taken at its start if the work throws,
 * so a failed push leaves nothing behind, as a rolled-back database transaction would.
 */
final class InMemorySyncPorts implements TransactionPort, SyncVersionPort, PurgeHorizonPort, SyncRecordStore {

    /** One stored row: the record as a push stored it, and when it was deleted if it is a tombstone. */
    record Row(StoredRecord stored, OptionalLong deletedAtMs) {}

    private record Key(UserId user, String collection, RecordId id) {}

    private Map<Key, Row> rows = new LinkedHashMap<>();
    private Map<UserId, Long> versions = new HashMap<>();
    private Map<UserId, Long> horizons = new HashMap<>();
    private BiPredicate<Collection, SyncRecord> accepts = (collection, record) -> true;
    private boolean inTransaction;
    private int transactions;

    /** From now on the store refuses records matching {@code refused}, as a dedicated store may. */
    void refuse(BiPredicate<Collection, SyncRecord> refused) {
        accepts = refused.negate();
    }

    Optional<Row> row(UserId user, String collection, String id) {
        return Optional.ofNullable(rows.get(new Key(user, collection, new RecordId(id))));
    }

    Optional<SyncRecord> live(UserId user, String collection, String id) {
        return row(user, collection, id).filter(r -> r.deletedAtMs().isEmpty()).map(r -> r.stored().record());
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

    // ---- TransactionPort ------------------------------------------------------------------------

    @Override
    public <T> T inUserTransaction(UserId user, Supplier<T> work) {
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

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        return inUserTransaction(user, work);
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

    // ---- SyncRecordStore ------------------------------------------------------------------------

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
                rows.put(key, new Row(new StoredRecord(upsert.record(), false, upsert.position()), OptionalLong.empty()));
            } else if (write instanceof RecordWrite.Tombstone tombstone) {
                rows.put(key, new Row(new StoredRecord(before.stored().record(), true, tombstone.position()),
                        OptionalLong.of(tombstone.deletedAtMs())));
            } else if (write instanceof RecordWrite.Restamp restamp) {
                rows.put(key, new Row(new StoredRecord(before.stored().record(), before.stored().deleted(),
                        restamp.position()), before.deletedAtMs()));
            }
        }
    }

    @Override
    public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        throw new UnsupportedOperationException("pulls are not served by the push fakes");
    }

    @Override
    public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        throw new UnsupportedOperationException("pulls are not served by the push fakes");
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
            if (entry.getKey().user().equals(user) && deletedAt.isPresent() && deletedAt.getAsLong() < cutoff.toEpochMilli()) {
                expired.add(entry.getKey());
                highest = Math.max(highest, entry.getValue().stored().position().version());
            }
        }
        expired.forEach(rows::remove);
        return expired.isEmpty() ? OptionalLong.empty() : OptionalLong.of(highest);
    }
}

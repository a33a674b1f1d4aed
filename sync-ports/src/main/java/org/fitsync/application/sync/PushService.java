package org.fitsync.application.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.ChangeSet;
import org.fitsync.domain.sync.ClockPolicy;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.ConflictResolver;
import org.fitsync.domain.sync.ConflictWinner;
import org.fitsync.domain.sync.PushDecision;
import org.fitsync.domain.sync.PushedRecord;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.ports.in.sync.Conflict;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushChangesUseCase;
import org.fitsync.ports.in.sync.PushOutcome;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.sync.PurgeHorizonPort;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * Applies a push in one transaction that claims one version: every row the push touches is stamped
 * with that version (and its own sequence number), so pulls find it after any earlier cursor.
 */
public final class PushService implements PushChangesUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final CollectionRegistry registry;
    private final CollectionStores stores;
    private final PurgeHorizonPort horizons;
    private final SyncSettings settings;
    private final Clock clock;
    private final PurgeSchedule purges;

    public PushService(
            TransactionPort transactions,
            SyncVersionPort versions,
            CollectionRegistry registry,
            CollectionStores stores,
            PurgeHorizonPort horizons,
            SyncSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.versions = versions;
        this.registry = registry;
        this.stores = stores;
        this.horizons = horizons;
        this.settings = settings;
        this.clock = clock;
        this.purges = new PurgeSchedule(settings.tombstoneRetention());
    }

    @Override
    public PushOutcome push(PushChangesCommand command) {
        Optional<ChangePosition> lastPulledAt = Optional.empty();
        if (command.lastPulledAt().isPresent() && command.lastPulledAt().get() != 0) {
            lastPulledAt = ChangePosition.decode(command.lastPulledAt().get());
            if (lastPulledAt.isEmpty()) {
                return invalid("last_pulled_at", "is not a cursor this server issued");
            }
        }
        long now = clock.millis();
        ClockPolicy clockPolicy = new ClockPolicy(now, settings.maxClockSkew().toMillis());
        ChangeSet.Parsed parsed = ChangeSet.parse(registry, command.changes(), clockPolicy);
        if (parsed instanceof ChangeSet.Parsed.Invalid invalid) {
            return new PushOutcome.Invalid(invalid.violations());
        }
        ChangeSet changes = ((ChangeSet.Parsed.Valid) parsed).changes();
        if (changes.size() >= ChangePosition.MAX_SEQ) {
            return invalid("changes", "holds more than " + (ChangePosition.MAX_SEQ - 1) + " records");
        }
        Optional<ChangePosition> cursor = lastPulledAt;
        return transactions.inUserTransaction(command.user(), () -> apply(command.user(), changes, cursor, now));
    }

    private PushOutcome apply(UserId user, ChangeSet changes, Optional<ChangePosition> lastPulledAt, long now) {
        long version = versions.claimNextVersion(user);
        if (version > ChangePosition.MAX_VERSION - 1) {
            throw new IllegalStateException("user " + user.value() + " has exhausted the version space");
        }
        Sequence sequence = new Sequence(version);
        List<Conflict> conflicts = new ArrayList<>();
        Map<String, List<RecordId>> rejected = new LinkedHashMap<>();
        for (ChangeSet.CollectionChanges section : changes.collections()) {
            String name = section.collection().name();
            SyncRecordStore store = stores.storeFor(name);
            Set<RecordId> ids = new HashSet<>(section.deletes());
            section.upserts().forEach(r -> ids.add(r.id()));
            Map<RecordId, StoredRecord> state = new LinkedHashMap<>(store.load(user, section.collection(), ids));
            Set<RecordId> existing = Set.copyOf(state.keySet());
            // One write per id: later entries of the same push see (and overwrite) earlier ones.
            Map<RecordId, RecordWrite> writes = new LinkedHashMap<>();
            ConflictResolver resolver = new ConflictResolver(section.collection(), lastPulledAt, now);
            for (PushedRecord pushed : section.upserts()) {
                PushDecision decision = admitted(
                        store, section, resolver.upsert(Optional.ofNullable(state.get(pushed.id())), pushed), state);
                record(decision, name, state, existing, writes, sequence, now, conflicts, rejected);
            }
            for (RecordId id : section.deletes()) {
                PushDecision decision = resolver.delete(Optional.ofNullable(state.get(id)), id);
                record(decision, name, state, existing, writes, sequence, now, conflicts, rejected);
            }
            if (!writes.isEmpty()) {
                store.write(user, section.collection(), List.copyOf(writes.values()));
            }
        }
        purgeExpiredTombstones(user, now);
        return new PushOutcome.Pushed(ChangePosition.afterVersion(version).encode(), conflicts, rejected);
    }

    /** The decision, or a rejection when the store refuses to hold the record it would store. */
    private static PushDecision admitted(
            SyncRecordStore store,
            ChangeSet.CollectionChanges section,
            PushDecision decision,
            Map<RecordId, StoredRecord> state) {
        if (decision instanceof PushDecision.Store toStore
                && !store.accepts(
                        section.collection(),
                        toStore.record(),
                        state.containsKey(toStore.record().id()))) {
            return new PushDecision.Rejected(toStore.record().id(), false);
        }
        return decision;
    }

    private static void record(
            PushDecision decision,
            String collection,
            Map<RecordId, StoredRecord> state,
            Set<RecordId> existing,
            Map<RecordId, RecordWrite> writes,
            Sequence sequence,
            long now,
            List<Conflict> conflicts,
            Map<String, List<RecordId>> rejected) {
        if (decision instanceof PushDecision.Store store) {
            RecordId id = store.record().id();
            ChangePosition position = sequence.positionFor(id, writes);
            // Existence as loaded, not as this push's state: a record created earlier in the same push is still new.
            writes.put(id, new RecordWrite.Upsert(store.record(), position, existing.contains(id)));
            state.put(id, new StoredRecord(store.record(), false, position));
            store.conflict().ifPresent(winner -> conflicts.add(new Conflict(collection, id, winner)));
        } else if (decision instanceof PushDecision.KeepStored keep) {
            if (keep.restamp()) {
                restamp(keep.id(), state, writes, sequence);
            }
            conflicts.add(new Conflict(collection, keep.id(), ConflictWinner.SERVER));
        } else if (decision instanceof PushDecision.Rejected reject) {
            if (reject.restamp()) {
                restamp(reject.id(), state, writes, sequence);
            }
            rejected.computeIfAbsent(collection, c -> new ArrayList<>()).add(reject.id());
        } else if (decision instanceof PushDecision.Delete delete) {
            ChangePosition position = sequence.positionFor(delete.id(), writes);
            writes.put(delete.id(), new RecordWrite.Tombstone(delete.id(), position, now));
            state.put(delete.id(), new StoredRecord(state.get(delete.id()).record(), true, position));
        }
        // Unchanged and IgnoreDelete write nothing.
    }

    private static void restamp(
            RecordId id, Map<RecordId, StoredRecord> state, Map<RecordId, RecordWrite> writes, Sequence sequence) {
        if (writes.containsKey(id)) {
            return; // this push already wrote the row, which stamps it anyway
        }
        ChangePosition position = sequence.positionFor(id, writes);
        writes.put(id, new RecordWrite.Restamp(id, position));
        StoredRecord before = state.get(id);
        state.put(id, new StoredRecord(before.record(), before.deleted(), position));
    }

    private void purgeExpiredTombstones(UserId user, long now) {
        if (settings.tombstoneRetention().isZero() || !purges.due(user, now)) {
            return; // zero retention means: keep tombstones forever
        }
        java.time.Instant cutoff = java.time.Instant.ofEpochMilli(now).minus(settings.tombstoneRetention());
        long highest = 0;
        for (SyncRecordStore store : stores.all()) {
            highest = Math.max(highest, store.purgeTombstones(user, cutoff).orElse(0));
        }
        if (highest > 0) {
            horizons.raisePurgeHorizon(user, highest);
        }
    }

    private static PushOutcome invalid(String field, String message) {
        return new PushOutcome.Invalid(List.of(new FieldError(field, message)));
    }

    /** Hands out the positions of one push: its version and consecutive sequence numbers. */
    private static final class Sequence {
        private final long version;
        private int next;

        Sequence(long version) {
            this.version = version;
        }

        /** The row keeps the position it already got in this push, so ids never share or skip one. */
        ChangePosition positionFor(RecordId id, Map<RecordId, RecordWrite> writes) {
            RecordWrite earlier = writes.get(id);
            return earlier != null ? earlier.position() : new ChangePosition(version, next++);
        }
    }
}

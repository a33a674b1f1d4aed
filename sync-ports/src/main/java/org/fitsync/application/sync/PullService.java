package org.fitsync.application.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PullOutcome;
import org.fitsync.ports.in.sync.PullSection;
import org.fitsync.ports.in.sync.PullSink;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.PurgeHorizonPort;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * Serves a pull from one REPEATABLE READ snapshot: the user's committed version and the rows are
 * read from the same snapshot, so the returned cursor covers exactly the rows returned and a write
 * that commits later (whatever version it claimed) is after the cursor.
 */
public final class PullService implements PullChangesUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final CollectionRegistry registry;
    private final CollectionStores stores;
    private final PurgeHorizonPort horizons;

    public PullService(
            TransactionPort transactions,
            SyncVersionPort versions,
            CollectionRegistry registry,
            CollectionStores stores,
            PurgeHorizonPort horizons) {
        this.transactions = transactions;
        this.versions = versions;
        this.registry = registry;
        this.stores = stores;
        this.horizons = horizons;
    }

    @Override
    public PullOutcome pull(PullChangesQuery query, PullSink sink) {
        Optional<ChangePosition> cursor = Optional.empty();
        if (query.lastPulledAt().isPresent() && query.lastPulledAt().get() != 0) {
            cursor = ChangePosition.decode(query.lastPulledAt().get());
            if (cursor.isEmpty()) {
                return new PullOutcome.Invalid(
                        List.of(new FieldError("last_pulled_at", "is not a cursor this server issued")));
            }
        }
        Optional<ChangePosition> from = cursor;
        return transactions.inUserSnapshot(query.user(), () -> serve(query, from, sink));
    }

    private PullOutcome serve(PullChangesQuery query, Optional<ChangePosition> cursor, PullSink sink) {
        UserId user = query.user();
        ChangePosition end = ChangePosition.afterVersion(versions.currentVersion(user));
        if (cursor.isPresent() && cursor.get().equals(end) && query.migration().isEmpty()) {
            return upToDate(end, sink);
        }
        PullMode mode = mode(cursor, end, horizons.purgeHorizon(user));
        boolean incremental = mode == PullMode.INCREMENTAL;
        PullSection section = mode == PullMode.FIRST_SYNC ? PullSection.CREATED : PullSection.UPDATED;
        ChangeScope scope = scope(query, incremental ? cursor.get() : ChangePosition.START, !incremental);
        sink.begin(mode);
        // A replacement must be whole (the client drops what it does not receive), and a migration
        // adds records regardless of position, so neither is paged.
        boolean paged = query.limit().isPresent()
                && mode != PullMode.REPLACEMENT
                && (query.migration().isEmpty() || !incremental);
        ChangePosition next = end;
        boolean hasMore = false;
        if (paged) {
            int limit = query.limit().getAsInt();
            List<StoredChange> page = page(user, scope, limit);
            hasMore = page.size() > limit;
            if (hasMore) {
                page = page.subList(0, limit);
                next = page.get(limit - 1).position().next();
            }
            emitGrouped(page, section, sink);
        } else {
            Emitter emitter = new Emitter(section, sink);
            for (Map.Entry<SyncRecordStore, List<Collection>> group :
                    stores.byStore(scope.collections()).entrySet()) {
                group.getKey().streamChanges(user, scope.only(group.getValue()), emitter::emit);
            }
        }
        sink.end(next.encode(), hasMore);
        return new PullOutcome.Pulled(mode, next.encode(), hasMore);
    }

    /**
     * The client holds everything: every row carries a version at or below the user's current one, so
     * none lies at or after a cursor just past it, and the purge horizon (at or below it too) cannot
     * make this a replacement. The pull of a phone with nothing new, the commonest request a server
     * answers, then reads no rows at all instead of querying every collection's store.
     */
    private static PullOutcome upToDate(ChangePosition end, PullSink sink) {
        sink.begin(PullMode.INCREMENTAL);
        sink.end(end.encode(), false);
        return new PullOutcome.Pulled(PullMode.INCREMENTAL, end.encode(), false);
    }

    private static PullMode mode(Optional<ChangePosition> cursor, ChangePosition end, long purgeHorizon) {
        if (cursor.isEmpty()) {
            return PullMode.FIRST_SYNC;
        }
        // At or below the horizon, a purged tombstone may be missing from an incremental pull; a
        // cursor past the end was not issued by this database (e.g. restored from a backup).
        if (cursor.get().version() <= purgeHorizon || end.isBefore(cursor.get())) {
            return PullMode.REPLACEMENT;
        }
        return PullMode.INCREMENTAL;
    }

    private ChangeScope scope(PullChangesQuery query, ChangePosition from, boolean liveOnly) {
        Set<String> whole = new HashSet<>();
        Map<String, Set<String>> columns = new HashMap<>();
        query.migration().ifPresent(migration -> {
            for (String table : migration.tables()) {
                registry.find(table).ifPresent(c -> whole.add(c.name()));
            }
            migration
                    .columns()
                    .forEach((table, names) -> registry.find(table).ifPresent(c -> {
                        Set<String> declared = new HashSet<>();
                        names.forEach(n -> c.column(n).ifPresent(col -> declared.add(col.name())));
                        if (!declared.isEmpty()) {
                            columns.put(c.name(), declared);
                        }
                    }));
        });
        return new ChangeScope(registry.all(), from, liveOnly, whole, columns);
    }

    /** The first {@code limit + 1} changes across all stores, in position order. */
    private List<StoredChange> page(UserId user, ChangeScope scope, int limit) {
        List<StoredChange> merged = new ArrayList<>();
        for (Map.Entry<SyncRecordStore, List<Collection>> group :
                stores.byStore(scope.collections()).entrySet()) {
            merged.addAll(group.getKey().changesPage(user, scope.only(group.getValue()), limit + 1));
        }
        merged.sort(Comparator.comparing(StoredChange::position));
        return merged.size() > limit + 1 ? merged.subList(0, limit + 1) : merged;
    }

    private static void emitGrouped(List<StoredChange> page, PullSection section, PullSink sink) {
        Map<String, List<StoredChange>> byCollection = new LinkedHashMap<>();
        page.stream()
                .sorted(Comparator.comparing(StoredChange::collection))
                .forEach(c -> byCollection
                        .computeIfAbsent(c.collection(), k -> new ArrayList<>())
                        .add(c));
        Emitter emitter = new Emitter(section, sink);
        for (List<StoredChange> changes : byCollection.values()) {
            changes.stream().filter(c -> !c.deleted()).forEach(emitter::emit);
            changes.stream().filter(StoredChange::deleted).forEach(emitter::emit);
        }
    }

    /** Routes each change to the sink's record or deleted call. */
    private record Emitter(PullSection section, PullSink sink) {
        void emit(StoredChange change) {
            if (change.deleted()) {
                sink.deleted(change.collection(), change.id());
            } else {
                sink.record(change.collection(), section, change.record().get());
            }
        }
    }
}

package org.fitsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.ConflictStrategy;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.Migration;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PullOutcome;
import org.fitsync.ports.in.sync.PullSection;
import org.fitsync.ports.in.sync.PullSink;
import org.fitsync.ports.in.sync.PulledRecord;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;
import org.junit.jupiter.api.Test;

/** The pull's rules against in-memory ports: cursor, sections, deletions, replacement, migration, paging. */
class PullServiceTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final long NOW = Instant.parse("2026-11-20T07:00:00Z").toEpochMilli();
    private static final Collection WORKOUTS =
            Collection.of("workouts", ConflictStrategy.LAST_WRITE_WINS, Column.string("name"), Column.number("reps"));
    private static final Collection SETTINGS =
            Collection.of("settings", ConflictStrategy.LAST_WRITE_WINS, Column.string("key"), Column.string("value"));
    private static final Collection RUNS =
            Collection.of("runs", ConflictStrategy.LAST_WRITE_WINS, Column.number("distance_m"));
    private static final CollectionRegistry REGISTRY =
            CollectionRegistry.empty().with(WORKOUTS).with(SETTINGS).with(RUNS);

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final PullService pull = pullService(CollectionStores.allGeneric(store));

    private PullService pullService(CollectionStores stores) {
        return new PullService(store, store, REGISTRY, stores, store);
    }

    @Test
    void aFirstSyncListsEveryLiveRecordAsCreatedAndNoTombstones() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"));
        store.delete(ALICE, WORKOUTS, NOW, new RecordId("w2"));
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"));
        store.upsert(BOB, WORKOUTS, workout("b1", "deadlift"));

        Pulled pulled = pull(ALICE, Optional.empty());

        assertThat(pulled.mode).isEqualTo(PullMode.FIRST_SYNC);
        assertThat(pulled.events).containsExactly("created settings/s1", "created workouts/w1"); // collections by name
        assertThat(pulled.records.get("workouts/w1")).isEqualTo(workout("w1", "squat"));
    }

    @Test
    void theCursorIsThePositionAfterTheUsersCommittedVersionAndCoversEveryReturnedChange() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        long second = store.upsert(ALICE, WORKOUTS, workout("w2", "bench"));
        store.upsert(BOB, WORKOUTS, workout("b1", "deadlift"));
        store.upsert(BOB, WORKOUTS, workout("b2", "row"));
        store.upsert(BOB, WORKOUTS, workout("b3", "press"));

        Pulled first = pull(ALICE, Optional.empty());
        assertThat(first.timestamp)
                .isEqualTo(ChangePosition.afterVersion(second).encode());
        assertThat(first.outcome).isEqualTo(new PullOutcome.Pulled(PullMode.FIRST_SYNC, first.timestamp, false));

        Pulled again = pull(ALICE, Optional.of(first.timestamp));
        assertThat(again.mode).isEqualTo(PullMode.INCREMENTAL);
        assertThat(again.events).isEmpty();
        assertThat(again.timestamp).isEqualTo(first.timestamp);
    }

    @Test
    void aClientThatHasEverythingIsAnsweredWithoutReadingAnyCollection() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        long cursor = pull(ALICE, Optional.empty()).timestamp;
        List<String> reads = new ArrayList<>();
        PullService watched = pullService(new CollectionStores(
                new ReadsWatcher(store, reads), Map.of("runs", new ReadsWatcher(new InMemorySyncStore(), reads))));

        Pulled pulled = new Pulled();
        PullOutcome outcome = watched.pull(
                new PullChangesQuery(ALICE, Optional.of(cursor), Optional.empty(), OptionalInt.empty()), pulled);

        assertThat(outcome).isEqualTo(new PullOutcome.Pulled(PullMode.INCREMENTAL, cursor, false));
        assertThat(pulled.events).isEmpty();
        assertThat(reads).isEmpty();

        // One change later, the same pull reads the stores and finds it.
        store.upsert(ALICE, WORKOUTS, workout("w2", "bench"));
        Pulled next = new Pulled();
        watched.pull(new PullChangesQuery(ALICE, Optional.of(cursor), Optional.empty(), OptionalInt.empty()), next);
        assertThat(next.events).containsExactly("updated workouts/w2");
        assertThat(reads).isNotEmpty();
    }

    /** A store that notes every read of changes, and otherwise is {@code delegate}. */
    private record ReadsWatcher(SyncRecordStore delegate, List<String> reads) implements SyncRecordStore {
        @Override
        public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
            return delegate.load(user, collection, ids);
        }

        @Override
        public void write(UserId user, Collection collection, List<RecordWrite> writes) {
            delegate.write(user, collection, writes);
        }

        @Override
        public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
            reads.add("stream " + scope.collections());
            delegate.streamChanges(user, scope, sink);
        }

        @Override
        public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
            reads.add("page " + scope.collections());
            return delegate.changesPage(user, scope, limit);
        }

        @Override
        public OptionalLong purgeTombstones(UserId user, Instant cutoff) {
            return delegate.purgeTombstones(user, cutoff);
        }
    }

    @Test
    void aZeroCursorIsAFirstSync() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        assertThat(pull(ALICE, Optional.of(0L)).mode).isEqualTo(PullMode.FIRST_SYNC);
    }

    @Test
    void anIncrementalPullListsLaterChangesAsUpdatedAndTombstonesAsDeletedRecordsFirst() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"), workout("w3", "row"));
        long cursor = pull(ALICE, Optional.empty()).timestamp;
        store.delete(ALICE, WORKOUTS, NOW, new RecordId("w1"));
        store.upsert(ALICE, WORKOUTS, workout("w2", "bench press"));
        store.upsert(ALICE, WORKOUTS, workout("w4", "dip"));
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"));

        Pulled pulled = pull(ALICE, Optional.of(cursor));

        assertThat(pulled.mode).isEqualTo(PullMode.INCREMENTAL);
        // A record created after the cursor is "updated" too: the client cannot tell them apart safely.
        assertThat(pulled.events)
                .containsExactly(
                        "updated settings/s1", "updated workouts/w2", "updated workouts/w4", "deleted workouts/w1");
        assertThat(pulled.records.get("workouts/w2")).isEqualTo(workout("w2", "bench press"));
    }

    @Test
    void aPullRunsInOneSnapshotAndNeverInAWriteTransaction() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        store.calls.clear();

        pull(ALICE, Optional.empty());

        assertThat(store.calls).contains("snapshot").doesNotContain("transaction");
    }

    @Test
    void aCursorNoServerIssuedIsInvalidAndTheSinkIsNeverCalled() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        store.calls.clear();

        Pulled pulled = pull(ALICE, Optional.of(1L << 53));

        assertThat(pulled.outcome)
                .isInstanceOfSatisfying(
                        PullOutcome.Invalid.class,
                        invalid -> assertThat(invalid.violations())
                                .extracting(v -> v.field())
                                .containsExactly("last_pulled_at"));
        assertThat(pulled.mode).isNull();
        assertThat(pulled.events).isEmpty();
        assertThat(pulled.ended).isFalse();
        assertThat(store.calls).isEmpty();
    }

    @Test
    void aCursorAtOrBelowThePurgeHorizonGetsAReplacementOfEveryLiveRecord() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"));
        long cursor = pull(ALICE, Optional.empty()).timestamp;
        long deletion = store.delete(ALICE, WORKOUTS, NOW, new RecordId("w1"));
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"));
        store.arrange(() -> {
            store.raisePurgeHorizon(ALICE, deletion);
            return null;
        });

        // The old cursor may have missed the purged tombstone of w1: the client gets the whole data set.
        Pulled replaced = pull(ALICE, Optional.of(cursor), OptionalInt.of(1), Optional.empty());
        assertThat(replaced.mode).isEqualTo(PullMode.REPLACEMENT);
        assertThat(replaced.events).containsExactly("updated settings/s1", "updated workouts/w2");
        assertThat(replaced.hasMore).isFalse(); // never paged: the client drops what it does not receive

        // A cursor issued after the purged version has seen the deletion.
        Pulled later =
                pull(ALICE, Optional.of(ChangePosition.afterVersion(deletion).encode()));
        assertThat(later.mode).isEqualTo(PullMode.INCREMENTAL);
        assertThat(later.events).containsExactly("updated settings/s1");
    }

    @Test
    void aCursorPastTheUsersLatestVersionGetsAReplacement() {
        long version = store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        long restoredFromElsewhere = ChangePosition.afterVersion(version + 5).encode();

        Pulled pulled = pull(ALICE, Optional.of(restoredFromElsewhere));

        assertThat(pulled.mode).isEqualTo(PullMode.REPLACEMENT);
        assertThat(pulled.events).containsExactly("updated workouts/w1");
        assertThat(pulled.timestamp)
                .isEqualTo(ChangePosition.afterVersion(version).encode());
    }

    @Test
    void aLimitedPullEndsAfterTheLastChangeItReturnedAndTheNextPageContinuesThere() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"));
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"));
        long last = store.upsert(ALICE, WORKOUTS, workout("w3", "row"));

        Pulled first = pull(ALICE, Optional.empty(), OptionalInt.of(2), Optional.empty());
        assertThat(first.events).containsExactly("created workouts/w1", "created workouts/w2");
        assertThat(first.hasMore).isTrue();
        assertThat(first.timestamp).isEqualTo(new ChangePosition(1, 1).next().encode());

        Pulled second = pull(ALICE, Optional.of(first.timestamp), OptionalInt.of(2), Optional.empty());
        assertThat(second.mode).isEqualTo(PullMode.INCREMENTAL);
        assertThat(second.events).containsExactly("updated settings/s1", "updated workouts/w3");
        assertThat(second.hasMore).isFalse();
        assertThat(second.timestamp).isEqualTo(ChangePosition.afterVersion(last).encode());
    }

    @Test
    void aPageGroupsItsChangesByCollectionRecordsBeforeDeletedIds() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"));
        long cursor = pull(ALICE, Optional.empty()).timestamp;
        store.delete(ALICE, WORKOUTS, NOW, new RecordId("w1"));
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"));
        store.upsert(ALICE, WORKOUTS, workout("w2", "bench press"));

        Pulled page = pull(ALICE, Optional.of(cursor), OptionalInt.of(10), Optional.empty());

        assertThat(page.events).containsExactly("updated settings/s1", "updated workouts/w2", "deleted workouts/w1");
    }

    @Test
    void aPageIsInPositionOrderAcrossStores() {
        InMemorySyncStore runs = new InMemorySyncStore();
        PullService split = pullService(new CollectionStores(store, Map.of("runs", runs)));
        // Both stores stamp with the user's one version counter, as the real stores do.
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        storeWithVersion(runs, store.arrange(() -> store.claimNextVersion(ALICE)), run("r1", 5000));
        store.upsert(ALICE, WORKOUTS, workout("w2", "bench"));

        Pulled page = new Pulled();
        split.pull(new PullChangesQuery(ALICE, Optional.empty(), Optional.empty(), OptionalInt.of(2)), page);

        assertThat(page.events).containsExactly("created runs/r1", "created workouts/w1");
        assertThat(page.hasMore).isTrue();
        assertThat(runs.calls).containsExactly("page 3");
        assertThat(store.calls).contains("page 3");
    }

    @Test
    void anUnlimitedPullStreamsEachStoreItsOwnCollectionsAndNeverPages() {
        InMemorySyncStore runs = new InMemorySyncStore();
        PullService split = pullService(new CollectionStores(store, Map.of("runs", runs)));
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"));
        storeWithVersion(runs, store.arrange(() -> store.claimNextVersion(ALICE)), run("r1", 5000));
        store.calls.clear();

        Pulled pulled = new Pulled();
        split.pull(new PullChangesQuery(ALICE, Optional.empty(), Optional.empty(), OptionalInt.empty()), pulled);

        assertThat(pulled.events).containsExactlyInAnyOrder("created workouts/w1", "created runs/r1");
        assertThat(store.calls).containsExactly("snapshot", "stream [settings, workouts]");
        assertThat(runs.calls).containsExactly("stream [runs]");
    }

    @Test
    void aMigrationPullAddsEveryLiveRecordOfAnAddedTableAndEveryRecordUsingAnAddedColumn() {
        store.upsert(ALICE, SETTINGS, setting("s1", "units", "metric"), setting("s2", "theme", "dark"));
        store.delete(ALICE, SETTINGS, NOW, new RecordId("s2"));
        store.upsert(
                ALICE,
                WORKOUTS,
                workout("w1", "squat"),
                new SyncRecord(
                        new RecordId("w2"),
                        fields("name", new Value.Text("bench"), "reps", new Value.Num(5)),
                        NOW,
                        NOW));
        long cursor = pull(ALICE, Optional.empty()).timestamp;
        store.upsert(ALICE, WORKOUTS, workout("w3", "row"));
        Migration migration = new Migration(
                1, List.of("settings", "no_such_table"), Map.of("workouts", List.of("reps", "no_such_column")));

        Pulled pulled = pull(ALICE, Optional.of(cursor), OptionalInt.of(1), Optional.of(migration));

        assertThat(pulled.mode).isEqualTo(PullMode.INCREMENTAL);
        assertThat(pulled.events)
                .containsExactlyInAnyOrder("updated settings/s1", "updated workouts/w2", "updated workouts/w3");
        assertThat(pulled.hasMore).isFalse(); // a migration pull adds records regardless of position: never paged
        assertThat(store.calls).noneMatch(call -> call.startsWith("page"));
    }

    @Test
    void aMigrationOnAFirstSyncIsAnOrdinaryFirstSync() {
        store.upsert(ALICE, WORKOUTS, workout("w1", "squat"), workout("w2", "bench"));
        Migration migration = new Migration(1, List.of("workouts"), Map.of());

        Pulled page = pull(ALICE, Optional.empty(), OptionalInt.of(1), Optional.of(migration));

        assertThat(page.mode).isEqualTo(PullMode.FIRST_SYNC);
        assertThat(page.events).containsExactly("created workouts/w1");
        assertThat(page.hasMore).isTrue();
    }

    private Pulled pull(UserId user, Optional<Long> cursor) {
        return pull(user, cursor, OptionalInt.empty(), Optional.empty());
    }

    private Pulled pull(UserId user, Optional<Long> cursor, OptionalInt limit, Optional<Migration> migration) {
        Pulled pulled = new Pulled();
        pulled.outcome = pull.pull(new PullChangesQuery(user, cursor, migration, limit), pulled);
        return pulled;
    }

    /** Stores {@code records} in {@code target} at a version claimed from the main store's counter. */
    private static void storeWithVersion(InMemorySyncStore target, long version, SyncRecord... records) {
        List<RecordWrite> writes = new ArrayList<>();
        for (SyncRecord record : records) {
            writes.add(new RecordWrite.Upsert(record, new ChangePosition(version, writes.size()), false));
        }
        target.arrange(() -> {
            target.write(ALICE, RUNS, writes);
            return null;
        });
    }

    private static SyncRecord workout(String id, String name) {
        return new SyncRecord(new RecordId(id), fields("name", new Value.Text(name), "reps", Value.NULL), NOW, NOW);
    }

    private static SyncRecord setting(String id, String key, String value) {
        return new SyncRecord(
                new RecordId(id), fields("key", new Value.Text(key), "value", new Value.Text(value)), NOW, NOW);
    }

    private static SyncRecord run(String id, double distance) {
        return new SyncRecord(new RecordId(id), fields("distance_m", new Value.Num(distance)), NOW, NOW);
    }

    private static Map<String, Value> fields(Object... pairs) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Value) pairs[i + 1]);
        }
        return fields;
    }

    /** A pull collected in memory, as events in the order the sink received them. */
    private static final class Pulled implements PullSink {
        PullOutcome outcome;
        PullMode mode;
        final List<String> events = new ArrayList<>();
        final Map<String, SyncRecord> records = new LinkedHashMap<>();
        long timestamp;
        boolean hasMore;
        boolean ended;

        @Override
        public void begin(PullMode pullMode) {
            assertThat(mode).as("begin once").isNull();
            mode = pullMode;
        }

        @Override
        public void record(String collection, PullSection section, PulledRecord record) {
            assertThat(mode).as("begun").isNotNull();
            String key = collection + "/" + record.id().value();
            events.add(section.name().toLowerCase(Locale.ROOT) + " " + key);
            records.put(key, ((PulledRecord.Fields) record).record());
        }

        @Override
        public void deleted(String collection, RecordId id) {
            assertThat(mode).as("begun").isNotNull();
            events.add("deleted " + collection + "/" + id.value());
        }

        @Override
        public void end(long pullTimestamp, boolean more) {
            assertThat(ended).as("end once").isFalse();
            timestamp = pullTimestamp;
            hasMore = more;
            ended = true;
        }
    }
}

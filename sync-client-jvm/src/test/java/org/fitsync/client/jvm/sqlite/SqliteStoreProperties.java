package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/** Random sequences of record writes leave the SQLite store exactly as they leave a map of records. */
class SqliteStoreProperties {

    private static final List<String> COLLECTIONS = List.of("workouts", "settings");
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e");
    private static final List<String> COLUMNS = List.of("c1", "c2");
    private static final List<Value> VALUES = List.of(
            new Value.Text("x"),
            new Value.Text(""),
            new Value.Text("1"),
            new Value.Num(0.0),
            new Value.Num(-0.0),
            new Value.Num(1.0),
            new Value.Num(0.1),
            new Value.Num(1e20),
            new Value.Bool(true),
            new Value.Bool(false),
            Value.NULL);

    private static Path dir;

    sealed interface Action {}

    record Save(LocalRecord record) implements Action {}

    record Remove(String collection, String id) implements Action {}

    record Sweep(long mark) implements Action {}

    record Discard() implements Action {}

    /** Writes that end in an exception: none of them may show. */
    record Aborted(List<LocalRecord> saves) implements Action {}

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("sqlite-store-properties");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 60)
    void theStoreMatchesAMapOfRecords(@ForAll("actions") List<Action> actions) {
        Map<String, LocalRecord> model = new TreeMap<>();
        try (LocalStore store = new SqliteStores(dir).open(UUID.randomUUID().toString())) {
            for (Action action : actions) {
                apply(store, model, action);
                check(store, model);
            }
        }
    }

    private static void apply(LocalStore store, Map<String, LocalRecord> model, Action action) {
        if (action instanceof Save save) {
            store.write(tx -> {
                tx.save(save.record());
                return null;
            });
            model.put(key(save.record().collection(), save.record().id().value()), save.record());
        } else if (action instanceof Remove remove) {
            store.write(tx -> {
                tx.remove(remove.collection(), new RecordId(remove.id()));
                return null;
            });
            model.remove(key(remove.collection(), remove.id()));
        } else if (action instanceof Sweep sweep) {
            int removed = store.write(tx -> tx.removeSyncedOutside(sweep.mark()));
            List<String> stale = model.entrySet().stream()
                    .filter(e -> e.getValue().state() == RecordState.SYNCED
                            && e.getValue().pullMark() != sweep.mark())
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toList());
            stale.forEach(model::remove);
            assertThat(removed).isEqualTo(stale.size());
        } else if (action instanceof Discard) {
            store.write(tx -> {
                tx.discardLocalChanges();
                return null;
            });
            model.values().removeIf(r -> r.state().hasLocalChange() || r.isFailed());
        } else if (action instanceof Aborted aborted) {
            try {
                store.write(tx -> {
                    aborted.saves().forEach(tx::save);
                    throw new IllegalStateException("aborted");
                });
            } catch (IllegalStateException expected) {
                // The model stays as it was.
            }
        }
    }

    private static void check(LocalStore store, Map<String, LocalRecord> model) {
        store.read(tx -> {
            for (String collection : COLLECTIONS) {
                for (String id : IDS) {
                    assertThat(tx.find(collection, new RecordId(id)))
                            .isEqualTo(Optional.ofNullable(model.get(key(collection, id))));
                }
                List<LocalRecord> live = model.values().stream()
                        .filter(r -> r.collection().equals(collection) && !r.isDeleted())
                        .sorted(Comparator.comparing(r -> r.id().value()))
                        .collect(Collectors.toList());
                assertThat(tx.query(RecordQuery.all(collection, 100))).isEqualTo(live);
                assertThat(tx.query(RecordQuery.all(collection, 2).after("b")))
                        .isEqualTo(live.stream()
                                .filter(r -> r.id().value().compareTo("b") > 0)
                                .limit(2)
                                .collect(Collectors.toList()));
                for (Value value : VALUES) {
                    assertThat(tx.query(RecordQuery.where(collection, "c1", value, 100)))
                            .as("c1 = %s", value)
                            .isEqualTo(live.stream()
                                    .filter(r -> matches(r.value("c1"), value))
                                    .collect(Collectors.toList()));
                }
            }
            Comparator<LocalRecord> outboxOrder = Comparator.comparingLong(LocalRecord::localVersion)
                    .thenComparing(LocalRecord::collection)
                    .thenComparing(r -> r.id().value());
            List<LocalRecord> pending = model.values().stream()
                    .filter(LocalRecord::isPending)
                    .sorted(outboxOrder)
                    .collect(Collectors.toList());
            List<LocalRecord> failed = model.values().stream()
                    .filter(LocalRecord::isFailed)
                    .sorted(outboxOrder)
                    .collect(Collectors.toList());
            assertThat(tx.pendingRecords(100)).isEqualTo(pending);
            assertThat(tx.pendingRecords(2)).isEqualTo(pending.subList(0, Math.min(2, pending.size())));
            assertThat(tx.failedRecords(100)).isEqualTo(failed);
            assertThat(tx.counts()).isEqualTo(new OutboxCounts(pending.size(), failed.size()));
            return null;
        });
    }

    /** The store's column comparison: numbers as numbers, everything else by its JSON type and value. */
    private static boolean matches(Value stored, Value wanted) {
        if (stored instanceof Value.Num a && wanted instanceof Value.Num b) {
            return a.value() == b.value();
        }
        return stored.equals(wanted);
    }

    private static String key(String collection, String id) {
        return collection + "/" + id;
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<LocalRecord> records = records();
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, records.map(Save::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(Arbitraries.of(COLLECTIONS), Arbitraries.of(IDS))
                                .as(Remove::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 3).map(Sweep::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Discard())),
                net.jqwik.api.Tuple.of(
                        1, records.list().ofMinSize(1).ofMaxSize(4).map(Aborted::new)));
        return action.list().ofMaxSize(25);
    }

    private static Arbitrary<LocalRecord> records() {
        Arbitrary<Map<String, Value>> values = Arbitraries.maps(Arbitraries.of(COLUMNS), Arbitraries.of(VALUES))
                .ofMaxSize(2);
        Arbitrary<Optional<ItemFailure>> failures = Arbitraries.of(
                Optional.empty(),
                Optional.empty(),
                Optional.of(ItemFailure.of(ItemFailure.Reason.REJECTED, "refused")));
        return Combinators.combine(
                        Arbitraries.of(COLLECTIONS),
                        Arbitraries.of(IDS),
                        values,
                        Arbitraries.of(RecordState.class),
                        Arbitraries.of(COLUMNS).set().ofMaxSize(2),
                        Arbitraries.longs().between(0, 6),
                        Arbitraries.longs().between(0, 3),
                        failures)
                .as((collection, id, vals, state, changed, version, mark, failure) -> new LocalRecord(
                        collection,
                        new RecordId(id),
                        vals,
                        version * 10,
                        version * 10 + 1,
                        state,
                        changed,
                        version,
                        mark,
                        failure.isPresent() ? 3 : 0,
                        state == RecordState.SYNCED ? Optional.empty() : failure));
    }
}

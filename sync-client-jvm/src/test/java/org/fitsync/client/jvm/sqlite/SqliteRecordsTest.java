package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.changed;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.failed;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.invalid;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.num;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.synced;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.text;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRecordsTest {

    /** Doubles that text conversions commonly get wrong, each of which must come back bit for bit. */
    static final List<Double> AWKWARD_DOUBLES = List.of(
            0.1,
            0.30000000000000004,
            -0.0,
            0.0,
            1e20,
            -1e20,
            1.0 / 3.0,
            2.2250738585072014E-308,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Math.nextUp(9007199254740992.0),
            123456789.12345679,
            1.0E-310,
            1.7976931348623157e308 / 3,
            42.0);

    @TempDir
    Path dir;

    LocalStore store;

    @BeforeEach
    void open() {
        store = new SqliteStores(dir).open("user-1");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRecordComesBackExactlyAsSaved() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("plain", text("Morning run"));
        values.put("empty", text(""));
        values.put("awkward", text("\"quotes\" \\ back\\slash\n\ttab ünïcödé 名前 🏃 \u2028 '; DROP TABLE records; --"));
        values.put("yes", new Value.Bool(true));
        values.put("no", new Value.Bool(false));
        values.put("nothing", Value.NULL);
        values.put("structured", Value.STRUCTURED);
        for (int i = 0; i < AWKWARD_DOUBLES.size(); i++) {
            values.put("n" + i, num(AWKWARD_DOUBLES.get(i)));
        }
        LocalRecord record = new LocalRecord(
                "workouts",
                new RecordId("w-1.A_b"),
                values,
                1_700_000_000_123L,
                1_700_000_999_456L,
                RecordState.UPDATED,
                Set.of("plain", "n3", "yes"),
                41,
                7,
                2,
                Optional.of(invalid()));

        store.write(tx -> {
            tx.save(record);
            return null;
        });

        LocalRecord found =
                store.read(tx -> tx.find("workouts", new RecordId("w-1.A_b"))).orElseThrow();
        assertThat(found).isEqualTo(record);
        for (int i = 0; i < AWKWARD_DOUBLES.size(); i++) {
            double back = ((Value.Num) found.value("n" + i)).value();
            assertThat(Double.doubleToRawLongBits(back))
                    .as("n%d = %s", i, AWKWARD_DOUBLES.get(i))
                    .isEqualTo(Double.doubleToRawLongBits(AWKWARD_DOUBLES.get(i)));
        }
    }

    @Test
    void saveReplacesTheRecordOfThatCollectionAndIdOnly() {
        store.write(tx -> {
            tx.save(synced("workouts", "a", Map.of("name", text("first"))));
            tx.save(synced("settings", "a", Map.of("value", text("other collection"))));
            tx.save(changed("workouts", "a", RecordState.UPDATED, 5));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.find("workouts", new RecordId("a"))))
                .contains(changed("workouts", "a", RecordState.UPDATED, 5));
        assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("a"))))
                .contains(synced("settings", "a", Map.of("value", text("other collection"))));
    }

    @Test
    void removeForgetsTheRecord() {
        store.write(tx -> {
            tx.save(synced("workouts", "a", Map.of()));
            tx.save(synced("workouts", "b", Map.of()));
            tx.remove("workouts", new RecordId("a"));
            tx.remove("workouts", new RecordId("never-there"));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.find("workouts", new RecordId("a"))))
                .isEmpty();
        assertThat(store.read((LocalTransaction tx) -> tx.find("workouts", new RecordId("b"))))
                .isPresent();
    }

    @Test
    void queryPagesThroughTheLiveRecordsOfOneCollectionById() {
        store.write(tx -> {
            for (String id : List.of("e", "a", "d", "b", "c")) {
                tx.save(synced("workouts", id, Map.of()));
            }
            tx.save(changed("workouts", "bb", RecordState.DELETED, 3));
            tx.save(changed("workouts", "ca", RecordState.CREATED, 4));
            tx.save(synced("settings", "aa", Map.of()));
            return null;
        });

        assertThat(ids(RecordQuery.all("workouts", 3))).containsExactly("a", "b", "c");
        assertThat(ids(RecordQuery.all("workouts", 3).after("c"))).containsExactly("ca", "d", "e");
        assertThat(ids(RecordQuery.all("workouts", 3).after("e"))).isEmpty();
        assertThat(ids(RecordQuery.all("settings", 10))).containsExactly("aa");
        assertThat(ids(RecordQuery.all("nothing-here", 10))).isEmpty();
    }

    @Test
    void queryByATextColumnMatchesThatTextOnly() {
        store.write(tx -> {
            tx.save(synced("settings", "1", Map.of("key", text("theme"))));
            tx.save(synced("settings", "2", Map.of("key", text("Theme"))));
            tx.save(synced("settings", "3", Map.of("key", text("theme "))));
            tx.save(synced("settings", "4", Map.of("key", text("1"))));
            tx.save(synced("settings", "5", Map.of("key", num(1))));
            tx.save(synced("settings", "6", Map.of("key", new Value.Bool(true))));
            tx.save(synced("settings", "7", Map.of("other", text("theme"))));
            tx.save(synced("settings", "8", Map.of("key", text("theme"), "other", num(2))));
            tx.save(synced("settings", "9", Map.of("key", text("it's \"q\" \\ ü 🏃"))));
            return null;
        });

        assertThat(ids(RecordQuery.where("settings", "key", text("theme"), 10))).containsExactly("1", "8");
        assertThat(ids(RecordQuery.where("settings", "key", text("1"), 10))).containsExactly("4");
        assertThat(ids(RecordQuery.where("settings", "key", text("true"), 10))).isEmpty();
        assertThat(ids(RecordQuery.where("settings", "key", text("it's \"q\" \\ ü 🏃"), 10)))
                .containsExactly("9");
    }

    @Test
    void queryByANumberColumnComparesTheDoublesExactly() {
        store.write(tx -> {
            for (int i = 0; i < AWKWARD_DOUBLES.size(); i++) {
                tx.save(synced("body_measurements", "m" + i, Map.of("value", num(AWKWARD_DOUBLES.get(i)))));
            }
            tx.save(synced("body_measurements", "next-to-0.1", Map.of("value", num(Math.nextUp(0.1)))));
            tx.save(synced("body_measurements", "text-42", Map.of("value", text("42"))));
            tx.save(synced("body_measurements", "true", Map.of("value", new Value.Bool(true))));
            tx.save(synced("body_measurements", "one", Map.of("value", num(1))));
            return null;
        });

        for (int i = 0; i < AWKWARD_DOUBLES.size(); i++) {
            double value = AWKWARD_DOUBLES.get(i);
            List<String> found = ids(RecordQuery.where("body_measurements", "value", num(value), 50));
            if (value == 0.0) {
                // Numbers compare as numbers: 0.0 and -0.0 are the same number.
                assertThat(found).as("%s", value).containsExactlyInAnyOrder("m2", "m3");
            } else {
                assertThat(found).as("%s", value).containsExactly("m" + i);
            }
        }
        assertThat(ids(RecordQuery.where("body_measurements", "value", num(1), 50)))
                .containsExactly("one");
    }

    @Test
    void queryByABooleanColumnDoesNotMatchTheNumbersOneAndZero() {
        store.write(tx -> {
            tx.save(synced("runs", "t", Map.of("overlapping", new Value.Bool(true))));
            tx.save(synced("runs", "f", Map.of("overlapping", new Value.Bool(false))));
            tx.save(synced("runs", "one", Map.of("overlapping", num(1))));
            tx.save(synced("runs", "zero", Map.of("overlapping", num(0))));
            tx.save(synced("runs", "text", Map.of("overlapping", text("true"))));
            tx.save(synced("runs", "missing", Map.of()));
            return null;
        });

        assertThat(ids(RecordQuery.where("runs", "overlapping", new Value.Bool(true), 10)))
                .containsExactly("t");
        assertThat(ids(RecordQuery.where("runs", "overlapping", new Value.Bool(false), 10)))
                .containsExactly("f");
        assertThat(ids(RecordQuery.where("runs", "overlapping", num(1), 10))).containsExactly("one");
        assertThat(ids(RecordQuery.where("runs", "overlapping", num(0), 10))).containsExactly("zero");
    }

    @Test
    void queryForNullMatchesMissingAndNullValuesAsLocalRecordReadsThem() {
        store.write(tx -> {
            tx.save(synced("workouts", "missing", Map.of("name", text("x"))));
            tx.save(synced("workouts", "null", Map.of("notes", Value.NULL)));
            tx.save(synced("workouts", "set", Map.of("notes", text(""))));
            tx.save(synced("workouts", "structured", Map.of("notes", Value.STRUCTURED)));
            return null;
        });

        assertThat(ids(RecordQuery.where("workouts", "notes", Value.NULL, 10))).containsExactly("missing", "null");
        assertThat(ids(RecordQuery.where("workouts", "notes", Value.STRUCTURED, 10)))
                .containsExactly("structured");
    }

    @Test
    void queryByColumnPagesLikeAnyQuery() {
        store.write(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.save(synced("settings", "s" + i, Map.of("key", text(i % 2 == 0 ? "even" : "odd"))));
            }
            return null;
        });

        RecordQuery evens = RecordQuery.where("settings", "key", text("even"), 2);
        assertThat(ids(evens)).containsExactly("s0", "s2");
        assertThat(ids(evens.after("s2"))).containsExactly("s4", "s6");
        assertThat(ids(evens.after("s6"))).containsExactly("s8");
    }

    @Test
    void aColumnNameCannotBreakOutOfItsJsonPath() {
        assertThatThrownBy(() -> store.read(tx -> tx.query(RecordQuery.where("settings", "a\"b", text("x"), 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pendingRecordsAreTheUnfailedLocalChangesOldestFirst() {
        store.write(tx -> {
            tx.save(changed("workouts", "v30", RecordState.UPDATED, 30));
            tx.save(changed("settings", "v10", RecordState.CREATED, 10));
            tx.save(changed("workouts", "v20", RecordState.DELETED, 20));
            tx.save(failed("workouts", "v5", 5));
            tx.save(synced("workouts", "synced", Map.of()));
            tx.save(changed("workouts", "v40", RecordState.CREATED, 40));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.pendingRecords(10)))
                .extracting(r -> r.id().value())
                .containsExactly("v10", "v20", "v30", "v40");
        assertThat(store.read((LocalTransaction tx) -> tx.pendingRecords(2)))
                .extracting(r -> r.id().value())
                .containsExactly("v10", "v20");
        assertThat(store.read((LocalTransaction tx) -> tx.pendingRecords(Integer.MAX_VALUE)))
                .hasSize(4);
    }

    @Test
    void failedRecordsAreListedOldestFirst() {
        store.write(tx -> {
            tx.save(failed("workouts", "f9", 9));
            tx.save(failed("settings", "f2", 2));
            tx.save(failed("workouts", "f5", 5));
            tx.save(changed("workouts", "pending", RecordState.UPDATED, 1));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.failedRecords(10)))
                .extracting(r -> r.id().value())
                .containsExactly("f2", "f5", "f9");
        assertThat(store.read((LocalTransaction tx) -> tx.failedRecords(1)))
                .extracting(r -> r.id().value())
                .containsExactly("f2");
        assertThat(store.read((LocalTransaction tx) -> tx.failedRecords(10)).get(0))
                .isEqualTo(failed("settings", "f2", 2));
    }

    @Test
    void aLimitBelowOneIsABug() {
        assertThatThrownBy(() -> store.read(tx -> tx.pendingRecords(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(tx -> tx.failedOps(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeSyncedOutsideSweepsOnlySyncedRecordsOfOtherPulls() {
        store.write(tx -> {
            tx.save(synced("workouts", "old", Map.of(), 3));
            tx.save(synced("settings", "older", Map.of(), 1));
            tx.save(synced("workouts", "current", Map.of(), 4));
            tx.save(synced("workouts", "future", Map.of(), 5));
            LocalRecord pendingOfOldPull = new LocalRecord(
                    "workouts",
                    new RecordId("pending"),
                    Map.of(),
                    1,
                    2,
                    RecordState.UPDATED,
                    Set.of("name"),
                    9,
                    2,
                    0,
                    Optional.empty());
            tx.save(pendingOfOldPull);
            tx.save(failed("workouts", "failed", 3));
            return null;
        });

        int removed = store.write(tx -> tx.removeSyncedOutside(4));

        assertThat(removed).isEqualTo(3);
        assertThat(ids(RecordQuery.all("workouts", 10))).containsExactly("current", "failed", "pending");
        assertThat(ids(RecordQuery.all("settings", 10))).isEmpty();
    }

    private List<String> ids(RecordQuery query) {
        return store.read(tx -> tx.query(query)).stream()
                .map(r -> r.id().value())
                .collect(java.util.stream.Collectors.toList());
    }
}

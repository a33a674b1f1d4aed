package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.changed;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.num;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.steps;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.synced;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoresTest {

    @TempDir
    Path dir;

    @Test
    void eachUserSeesOnlyTheirOwnRecords() {
        SqliteStores stores = new SqliteStores(dir);
        try (LocalStore alice = stores.open("alice");
                LocalStore bob = stores.open("bob")) {
            alice.write(tx -> {
                tx.save(synced("settings", "theme", Map.of("value", text("dark"))));
                tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 5)));
                return null;
            });
            bob.write(tx -> {
                tx.save(synced("settings", "units", Map.of("value", text("metric"))));
                return null;
            });

            assertThat(alice.userId()).isEqualTo("alice");
            assertThat(bob.userId()).isEqualTo("bob");
            assertThat(alice.read((LocalTransaction tx) -> tx.query(RecordQuery.all("settings", 10))))
                    .extracting(r -> r.id().value())
                    .containsExactly("theme");
            assertThat(bob.read((LocalTransaction tx) -> tx.query(RecordQuery.all("settings", 10))))
                    .extracting(r -> r.id().value())
                    .containsExactly("units");
            assertThat(bob.read((LocalTransaction tx) -> tx.counts())).isEqualTo(OutboxCounts.EMPTY);
        }
        assertThat(stores.fileOf("alice")).isNotEqualTo(stores.fileOf("bob"));
        assertThat(stores.fileOf("alice").getFileName().toString())
                .matches("fitsync-[0-9a-f]{64}\\.db")
                .doesNotContain("alice");
    }

    @Test
    void anyUserIdMakesASafeFileNameInTheDirectory() {
        SqliteStores stores = new SqliteStores(dir.resolve("nested/stores"));
        List<String> ids = List.of("../../etc/passwd", "ü 名前 /\\:*?\"<>|", "x".repeat(5_000), "CON", ".");
        for (String id : ids) {
            try (LocalStore store = stores.open(id)) {
                store.write(tx -> {
                    tx.save(synced("settings", "owner", Map.of("value", text(id))));
                    return null;
                });
            }
            assertThat(stores.fileOf(id).getParent()).isEqualTo(dir.resolve("nested/stores"));
        }
        for (String id : ids) {
            try (LocalStore store = stores.open(id)) {
                assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("owner"))))
                        .map(r -> r.value("value"))
                        .contains(text(id));
            }
        }
    }

    @Test
    void aFileRenamedToAnotherUsersNameIsRefused() throws Exception {
        SqliteStores stores = new SqliteStores(dir);
        try (LocalStore alice = stores.open("alice")) {
            alice.write(tx -> {
                tx.save(synced("settings", "secret", Map.of("value", text("alice's"))));
                return null;
            });
        }
        Files.move(stores.fileOf("alice"), stores.fileOf("bob"));

        assertThatThrownBy(() -> stores.open("bob"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another user");

        // The refused file is left as it was: moved back, it is Alice's store again.
        Files.move(stores.fileOf("bob"), stores.fileOf("alice"));
        try (LocalStore alice = stores.open("alice")) {
            assertThat(alice.read((LocalTransaction tx) -> tx.find("settings", new RecordId("secret"))))
                    .isPresent();
        }
    }

    @Test
    void aFileThatIsNotAStoreIsRefused() throws Exception {
        SqliteStores stores = new SqliteStores(dir);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + stores.fileOf("carol"));
                Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE notes (body TEXT)");
        }

        assertThatThrownBy(() -> stores.open("carol"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a FitSync store");
    }

    @Test
    void theFileIsInWalModeWithItsLayoutVersion() throws Exception {
        SqliteStores stores = new SqliteStores(dir);
        try (LocalStore store = stores.open("alice")) {
            store.write(tx -> tx.nextLocalVersion());
            try (Connection look = DriverManager.getConnection("jdbc:sqlite:" + stores.fileOf("alice"));
                    Statement statement = look.createStatement()) {
                assertThat(pragma(statement, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(statement, "user_version")).isEqualTo(String.valueOf(StoreSchema.VERSION));
                assertThat(pragma(statement, "application_id")).isEqualTo(String.valueOf(StoreSchema.APPLICATION_ID));
            }
        }
    }

    @Test
    void everythingWrittenIsThereAfterReopening() {
        SqliteStores stores = new SqliteStores(dir);
        StoreMeta meta = new StoreMeta(99, 2, Optional.of(Instant.parse("2026-05-01T08:00:00Z")), 4);
        UUID runId = UUID.randomUUID();
        try (LocalStore store = stores.open("alice")) {
            store.write(tx -> {
                tx.save(changed("workouts", "w1", RecordState.CREATED, tx.nextLocalVersion()));
                tx.enqueue(new OutboxOp.SubmitRun(SqliteFixtures.run(runId, 500)));
                tx.saveRunLifecycle(runId, RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
                tx.saveMeta(meta);
                return null;
            });
        }

        try (LocalStore store = stores.open("alice")) {
            assertThat(store.read((LocalTransaction tx) -> tx.find("workouts", new RecordId("w1"))))
                    .contains(changed("workouts", "w1", RecordState.CREATED, 1));
            assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                    .singleElement()
                    .satisfies(op ->
                            assertThat(op.op()).isEqualTo(new OutboxOp.SubmitRun(SqliteFixtures.run(runId, 500))));
            assertThat(store.read((LocalTransaction tx) -> tx.runLifecycle(runId)))
                    .contains(RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
            assertThat(store.read((LocalTransaction tx) -> tx.meta())).isEqualTo(meta);
        }
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehind() {
        try (LocalStore store = new SqliteStores(dir).open("alice")) {
            store.write(tx -> {
                tx.save(synced("settings", "kept", Map.of("value", text("before"))));
                return tx.nextLocalVersion();
            });
            RuntimeException bug = new IllegalStateException("the app's bug");

            assertThatThrownBy(() -> store.write(tx -> {
                        tx.save(synced("settings", "kept", Map.of("value", text("after"))));
                        tx.save(changed("workouts", "new", RecordState.CREATED, tx.nextLocalVersion()));
                        tx.remove("settings", new RecordId("kept"));
                        tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 5)));
                        tx.saveMeta(StoreMeta.fresh(7));
                        tx.saveRunLifecycle(UUID.randomUUID(), RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
                        throw bug;
                    }))
                    .isSameAs(bug);

            assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("kept"))))
                    .map(r -> r.value("value"))
                    .contains(text("before"));
            assertThat(store.read((LocalTransaction tx) -> tx.query(RecordQuery.all("workouts", 10))))
                    .isEmpty();
            assertThat(store.read((LocalTransaction tx) -> tx.counts())).isEqualTo(OutboxCounts.EMPTY);
            assertThat(store.read((LocalTransaction tx) -> tx.meta())).isEqualTo(StoreMeta.fresh(1));
            assertThat(store.write((LocalTransaction tx) -> tx.nextLocalVersion()))
                    .isEqualTo(2L);
        }
    }

    @Test
    void anErrorInsideATransactionAlsoRollsItBack() {
        try (LocalStore store = new SqliteStores(dir).open("alice")) {
            assertThatThrownBy(() -> store.write(tx -> {
                        tx.save(synced("settings", "s", Map.of()));
                        throw new OutOfMemoryError("simulated");
                    }))
                    .isInstanceOf(OutOfMemoryError.class);

            assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("s"))))
                    .isEmpty();
            store.write(tx -> {
                tx.save(synced("settings", "s", Map.of()));
                return null;
            });
            assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("s"))))
                    .isPresent();
        }
    }

    @Test
    void aReadTransactionCannotWrite() {
        try (LocalStore store = new SqliteStores(dir).open("alice")) {
            assertThatThrownBy(() -> store.read(tx -> {
                        tx.save(synced("settings", "s", Map.of()));
                        return null;
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.read(tx -> tx.nextLocalVersion())).isInstanceOf(IllegalStateException.class);
            assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("s"))))
                    .isEmpty();
        }
    }

    @Test
    void transactionsDoNotNestAndDoNotOutliveTheirCall() {
        try (LocalStore store = new SqliteStores(dir).open("alice")) {
            assertThatThrownBy(() -> store.write(outer -> store.read(inner -> inner.counts())))
                    .isInstanceOf(IllegalStateException.class);

            AtomicReference<LocalTransaction> leaked = new AtomicReference<>();
            store.write(tx -> {
                leaked.set(tx);
                return null;
            });
            assertThatThrownBy(() -> leaked.get().save(synced("settings", "late", Map.of())))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.read((LocalTransaction tx) -> tx.find("settings", new RecordId("late"))))
                    .isEmpty();
        }
    }

    @Test
    void aClosedStoreRefusesEveryUse() {
        LocalStore store = new SqliteStores(dir).open("alice");
        store.close();
        store.close();

        assertThatThrownBy(() -> store.read(tx -> tx.counts())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(tx -> tx.nextLocalVersion())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyUserIdIsRefused() {
        assertThatThrownBy(() -> new SqliteStores(dir).open("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writersOnSeveralThreadsTakeTurns() throws Exception {
        int threads = 4;
        int writesEach = 50;
        try (LocalStore store = new SqliteStores(dir).open("alice")) {
            store.write(tx -> {
                tx.save(synced("body_measurements", "counter", Map.of("value", num(0))));
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < writesEach; i++) {
                            // A read-modify-write: lost updates show if two transactions ever interleave.
                            store.write(tx -> {
                                LocalRecord counter = tx.find("body_measurements", new RecordId("counter"))
                                        .orElseThrow();
                                double value = ((Value.Num) counter.value("value")).value();
                                tx.save(synced("body_measurements", "counter", Map.of("value", num(value + 1))));
                                return tx.nextLocalVersion();
                            });
                            store.read(tx -> tx.counts());
                        }
                    }));
                }
                for (Future<?> each : done) {
                    each.get();
                }
            } finally {
                pool.shutdown();
            }

            assertThat(store.read((LocalTransaction tx) -> tx.find("body_measurements", new RecordId("counter"))))
                    .map(r -> r.value("value"))
                    .contains(num(threads * writesEach));
            assertThat(store.write((LocalTransaction tx) -> tx.nextLocalVersion()))
                    .isEqualTo((long) threads * writesEach + 1);
        }
    }

    @Test
    void twoStoresOfOneUserShareTheFileSafely() throws Exception {
        SqliteStores stores = new SqliteStores(dir);
        try (LocalStore first = stores.open("alice");
                LocalStore second = stores.open("alice")) {
            first.write(tx -> tx.nextLocalVersion());
            second.write(tx -> tx.nextLocalVersion());
            assertThat(first.write((LocalTransaction tx) -> tx.nextLocalVersion()))
                    .isEqualTo(3L);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .allMatch(name -> name.startsWith(
                            new SqliteStores(dir).fileOf("alice").getFileName().toString()));
        }
    }

    private static String pragma(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}

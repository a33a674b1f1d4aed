package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.changed;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.failed;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.invalid;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.run;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.sleep;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.steps;
import static org.fitsync.client.jvm.sqlite.SqliteFixtures.synced;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.QueuedOp;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.run.NewRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {

    static final ItemFailure GAVE_UP = ItemFailure.of(ItemFailure.Reason.GAVE_UP, "gave up after 8 attempts");

    @TempDir
    Path dir;

    SqliteStores stores;
    LocalStore store;

    @BeforeEach
    void open() {
        stores = new SqliteStores(dir);
        store = stores.open("user-1");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewStoreHasFreshMetaAndSavedMetaComesBack() {
        assertThat(store.read((LocalTransaction tx) -> tx.meta())).isEqualTo(StoreMeta.fresh(1));

        StoreMeta meta =
                new StoreMeta(1_764_000_000_123L, 3, Optional.of(Instant.parse("2026-05-01T07:00:00.123456789Z")), 17);
        store.write(tx -> {
            tx.saveMeta(meta);
            return null;
        });
        assertThat(store.read((LocalTransaction tx) -> tx.meta())).isEqualTo(meta);

        store.write(tx -> {
            tx.saveMeta(meta.pulledTo(0, 3).withPullMark(18));
            return null;
        });
        assertThat(store.read((LocalTransaction tx) -> tx.meta()))
                .isEqualTo(new StoreMeta(0, 3, meta.lastSyncedAt(), 18));
    }

    @Test
    void localVersionsCountUpAcrossTransactionsAndReopening() {
        assertThat(store.write((LocalTransaction tx) -> List.of(tx.nextLocalVersion(), tx.nextLocalVersion())))
                .containsExactly(1L, 2L);
        assertThat(store.write((LocalTransaction tx) -> tx.nextLocalVersion())).isEqualTo(3L);

        store.close();
        store = stores.open("user-1");

        assertThat(store.write((LocalTransaction tx) -> tx.nextLocalVersion())).isEqualTo(4L);
    }

    @Test
    void opsWaitInTheOrderTheyWereQueued() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1_000)));
            tx.enqueue(new OutboxOp.IngestSleep(DeviceSource.HEALTHKIT, sleep("2026-05-01")));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-02", 2_000)));
            return null;
        });

        List<QueuedOp> queued = store.read(tx -> tx.queuedOps(10));
        assertThat(queued)
                .extracting(QueuedOp::key)
                .containsExactly("steps:garmin:2026-05-01", "sleep:healthkit:2026-05-01", "steps:garmin:2026-05-02");
        assertThat(queued).extracting(QueuedOp::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(queued).allSatisfy(op -> {
            assertThat(op.attempts()).isZero();
            assertThat(op.failure()).isEmpty();
        });
        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(2)))
                .extracting(QueuedOp::key)
                .hasSize(2);
    }

    @Test
    void queueingTheSameKeyAgainReplacesTheWaitingOpAtTheBack() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1_000)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-02", 2_000)));
            return null;
        });
        QueuedOp first = store.read(tx -> tx.queuedOps(1)).get(0);
        store.write(tx -> {
            tx.updateOp(first.withAttempts(2, Optional.empty()));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1_500)));
            return null;
        });

        List<QueuedOp> queued = store.read(tx -> tx.queuedOps(10));
        assertThat(queued)
                .extracting(QueuedOp::op)
                .containsExactly(
                        new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-02", 2_000)),
                        new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1_500)));
        assertThat(queued.get(1).sequence()).isGreaterThan(first.sequence());
        assertThat(queued.get(1).attempts()).isZero();
    }

    @Test
    void queueingTheSameKeyAgainReplacesAFailedOp() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSleep(DeviceSource.GARMIN, sleep("2026-05-01")));
            return null;
        });
        QueuedOp op = store.read(tx -> tx.queuedOps(1)).get(0);
        store.write(tx -> {
            tx.updateOp(op.withAttempts(8, Optional.of(GAVE_UP)));
            return null;
        });
        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(10)))
                .containsExactly(op.withAttempts(8, Optional.of(GAVE_UP)));

        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSleep(DeviceSource.GARMIN, sleep("2026-05-01")));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(10))).isEmpty();
        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.op()).isEqualTo(op.op());
                    assertThat(q.attempts()).isZero();
                    assertThat(q.sequence()).isGreaterThan(op.sequence());
                });
    }

    @Test
    void updateOpKeepsTheAttemptsAndFailureAndMovesFailedOpsOutOfTheQueue() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-02", 2)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-03", 3)));
            return null;
        });
        List<QueuedOp> queued = store.read(tx -> tx.queuedOps(10));

        store.write(tx -> {
            tx.updateOp(queued.get(0).withAttempts(1, Optional.empty()));
            tx.updateOp(queued.get(2).withAttempts(4, Optional.of(invalid())));
            tx.updateOp(queued.get(1).withAttempts(8, Optional.of(GAVE_UP)));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                .containsExactly(queued.get(0).withAttempts(1, Optional.empty()));
        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(10)))
                .containsExactly(
                        queued.get(1).withAttempts(8, Optional.of(GAVE_UP)),
                        queued.get(2).withAttempts(4, Optional.of(invalid())));
        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(1))).hasSize(1);
    }

    @Test
    void anOpRemovedOrReplacedMeanwhileIsNotBroughtBackByUpdateOrRemove() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1)));
            return null;
        });
        QueuedOp sent = store.read(tx -> tx.queuedOps(1)).get(0);
        // The app records the day again while the first reading is on its way.
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 9)));
            return null;
        });

        store.write(tx -> {
            tx.updateOp(sent.withAttempts(1, Optional.of(GAVE_UP)));
            tx.removeOp(sent.sequence());
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                .extracting(QueuedOp::op)
                .containsExactly(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 9)));
        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(10))).isEmpty();
    }

    @Test
    void removeOpTakesItOutOfTheQueue() {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.HEALTH_CONNECT, steps("2026-05-01", 2)));
            return null;
        });
        QueuedOp first = store.read(tx -> tx.queuedOps(1)).get(0);

        store.write(tx -> {
            tx.removeOp(first.sequence());
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                .extracting(QueuedOp::key)
                .containsExactly("steps:health_connect:2026-05-01");
    }

    @Test
    void aQueuedRunWithA100000PointTrackComesBackEqual() {
        NewRun run = run(UUID.randomUUID(), 100_000);
        store.write(tx -> {
            tx.enqueue(new OutboxOp.SubmitRun(run));
            return null;
        });

        store.close();
        store = stores.open("user-1");
        QueuedOp queued = store.read(tx -> tx.queuedOps(1)).get(0);

        assertThat(queued.key()).isEqualTo("run:" + run.id());
        NewRun back = ((OutboxOp.SubmitRun) queued.op()).run();
        assertThat(back).isEqualTo(run);
        assertThat(back.track().size()).isEqualTo(100_000);
        assertThat(back.track().hasElevation(2)).isFalse();
        assertThat(Double.doubleToRawLongBits(back.track().lat(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(back.track().elevationM(3))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.notes()).isEqualTo(run.notes());
        assertThat(back.metadataJson()).isEqualTo(run.metadataJson());
        assertThat(back.startedAt()).isEqualTo(run.startedAt());
    }

    @Test
    void aRunWithoutTrackAndReadingsComeBackEqual() {
        List<OutboxOp> ops = List.of(
                new OutboxOp.SubmitRun(run(UUID.randomUUID(), 0)),
                new OutboxOp.IngestSteps(DeviceSource.HEALTH_CONNECT, steps("2026-02-28", 0)),
                new OutboxOp.IngestSteps(DeviceSource.HEALTHKIT, steps("2026-03-01", 200_000)),
                new OutboxOp.IngestSleep(DeviceSource.GARMIN, sleep("2026-05-02")));
        store.write(tx -> {
            ops.forEach(tx::enqueue);
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10)))
                .extracting(QueuedOp::op)
                .isEqualTo(ops);
    }

    @Test
    void aRunLifecycleIsKeptPerRun() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        store.write(tx -> {
            tx.saveRunLifecycle(first, RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
            tx.saveRunLifecycle(second, RunLifecycle.of(RunLifecycle.State.SYNCING));
            tx.saveRunLifecycle(second, RunLifecycle.failed(invalid()));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.runLifecycle(first)))
                .contains(RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
        assertThat(store.read((LocalTransaction tx) -> tx.runLifecycle(second)))
                .contains(RunLifecycle.failed(invalid()));
        assertThat(store.read((LocalTransaction tx) -> tx.runLifecycle(UUID.randomUUID())))
                .isEmpty();

        store.write(tx -> {
            tx.saveRunLifecycle(second, RunLifecycle.of(RunLifecycle.State.SYNCED));
            return null;
        });
        assertThat(store.read((LocalTransaction tx) -> tx.runLifecycle(second)))
                .contains(RunLifecycle.of(RunLifecycle.State.SYNCED));
    }

    @Test
    void countsAddUpPendingAndFailedRecordsAndOps() {
        assertThat(store.read((LocalTransaction tx) -> tx.counts())).isEqualTo(OutboxCounts.EMPTY);
        store.write(tx -> {
            tx.save(synced("workouts", "synced", Map.of()));
            tx.save(changed("workouts", "created", RecordState.CREATED, 1));
            tx.save(changed("workouts", "updated", RecordState.UPDATED, 2));
            tx.save(changed("workouts", "deleted", RecordState.DELETED, 3));
            tx.save(failed("workouts", "failed", 4));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-02", 2)));
            return null;
        });
        QueuedOp op = store.read(tx -> tx.queuedOps(1)).get(0);
        store.write(tx -> {
            tx.updateOp(op.withAttempts(8, Optional.of(GAVE_UP)));
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.counts())).isEqualTo(new OutboxCounts(4, 2));
    }

    @Test
    void discardingLocalChangesKeepsOnlyWhatTheServerHas() {
        UUID waiting = UUID.randomUUID();
        UUID sending = UUID.randomUUID();
        UUID sent = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        store.write(tx -> {
            tx.save(synced("workouts", "synced", Map.of()));
            tx.save(changed("workouts", "created", RecordState.CREATED, 1));
            tx.save(changed("workouts", "updated", RecordState.UPDATED, 2));
            tx.save(changed("workouts", "deleted", RecordState.DELETED, 3));
            tx.save(failed("workouts", "failed", 4));
            tx.enqueue(new OutboxOp.SubmitRun(run(waiting, 10)));
            tx.enqueue(new OutboxOp.IngestSteps(DeviceSource.GARMIN, steps("2026-05-01", 1)));
            tx.saveRunLifecycle(waiting, RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
            tx.saveRunLifecycle(sending, RunLifecycle.of(RunLifecycle.State.SYNCING));
            tx.saveRunLifecycle(sent, RunLifecycle.of(RunLifecycle.State.SYNCED));
            tx.saveRunLifecycle(refused, RunLifecycle.failed(invalid()));
            return null;
        });
        QueuedOp op = store.read(tx -> tx.queuedOps(1)).get(0);
        store.write(tx -> {
            tx.updateOp(op.withAttempts(1, Optional.of(invalid())));
            return null;
        });

        store.write(tx -> {
            tx.discardLocalChanges();
            return null;
        });

        assertThat(store.read((LocalTransaction tx) -> tx.query(RecordQuery.all("workouts", 10))))
                .containsExactly(synced("workouts", "synced", Map.of()));
        assertThat(store.read(
                        (LocalTransaction tx) -> tx.find("workouts", new org.fitsync.domain.sync.RecordId("deleted"))))
                .isEmpty();
        assertThat(store.read((LocalTransaction tx) -> tx.queuedOps(10))).isEmpty();
        assertThat(store.read((LocalTransaction tx) -> tx.failedOps(10))).isEmpty();
        assertThat(store.read((LocalTransaction tx) -> tx.counts())).isEqualTo(OutboxCounts.EMPTY);
        RunLifecycle discarded =
                RunLifecycle.failed(ItemFailure.of(ItemFailure.Reason.REFUSED, "discarded on this device"));
        assertThat(store.read((LocalTransaction tx) -> List.of(waiting, sending, sent, refused).stream()
                        .map(id -> tx.runLifecycle(id).orElseThrow())
                        .collect(Collectors.toList())))
                .containsExactly(
                        discarded,
                        discarded,
                        RunLifecycle.of(RunLifecycle.State.SYNCED),
                        RunLifecycle.failed(invalid()));
    }
}

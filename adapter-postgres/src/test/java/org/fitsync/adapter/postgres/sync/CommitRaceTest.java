package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.adapter.postgres.sync.SyncFixture.created;
import static org.fitsync.adapter.postgres.sync.SyncFixture.rec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.ports.in.sync.PushOutcome;
import org.fitsync.ports.out.sync.RecordWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md decision 1: a pull that runs while a push has taken its version but not yet
 * committed must not advance the cursor past that push. A timestamp cursor fails exactly here.
 */
class CommitRaceTest {

    private final UserId user = new UserId("racer");
    private final CountDownLatch written = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private SyncFixture sync;

    @BeforeEach
    void start() {
        sync = new SyncFixture(Duration.ofDays(90), new ForwardingStore(new PostgresSyncRecords()) {
            @Override
            public void write(UserId who, Collection collection, List<RecordWrite> writes) {
                super.write(who, collection, writes);
                if (writes.stream().anyMatch(w -> w.id().value().equals("held"))) {
                    written.countDown();
                    await(release); // the push's rows are written, its version claimed, nothing committed
                }
            }
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        sync.close();
    }

    @Test
    void aPushCommittingAfterAConcurrentPullArrivesOnTheNextPull() throws Exception {
        sync.push(user, Optional.empty(), created("workouts", rec("before", "name", "committed")));
        long start = sync.pull(user, 0).timestamp;

        CompletableFuture<PushOutcome.Pushed> held = CompletableFuture.supplyAsync(
                () -> sync.push(user, Optional.of(start), created("workouts", rec("held", "name", "slow commit"))));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();

        SyncFixture.Pulled during = sync.pull(user, start);
        assertThat(during.isEmpty()).isTrue();
        SyncFixture.Pulled firstSyncDuring = sync.pull(user, 0);
        assertThat(firstSyncDuring.record("workouts", "held")).isEmpty();

        release.countDown();
        PushOutcome.Pushed pushed = held.get(30, TimeUnit.SECONDS);

        SyncFixture.Pulled after = sync.pull(user, during.timestamp);
        assertThat(after.record("workouts", "held")).isPresent();
        assertThat(sync.pull(user, firstSyncDuring.timestamp).record("workouts", "held"))
                .isPresent();
        assertThat(after.timestamp).isEqualTo(pushed.timestamp());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.fitsync.adapter.postgres.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportPhase;
import org.fitsync.domain.imports.ImportRange;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Import jobs on a real PostgreSQL: the active-import slot, claiming under leases, guarded writes, RLS. */
class PostgresImportJobsTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private PostgresDatabase db;
    private PostgresTransactions tx;
    private PostgresImportJobs jobs;

    @BeforeEach
    void start() {
        DatabaseSettings settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
        jobs = new PostgresImportJobs(db.jdbi());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private ImportJobStore.Created create(UserId user, Optional<String> activity) {
        ImportJob job =
                ImportJob.queued(ImportId.random(), user, "strava", ImportRange.WHOLE_HISTORY, activity, Instant.now());
        return tx.inUserTransaction(user, () -> jobs.create(job));
    }

    private ImportJob queued(UserId user) {
        return ((ImportJobStore.Created.Queued) create(user, Optional.empty())).job();
    }

    @Test
    void oneActiveHistoryImportPerUserButWebhookJobsAreExempt() {
        ImportJob first = queued(ALICE);
        assertThat(create(ALICE, Optional.empty())).isEqualTo(new ImportJobStore.Created.AlreadyActive(first.id()));
        assertThat(create(ALICE, Optional.of("42"))).isInstanceOf(ImportJobStore.Created.Queued.class);
        assertThat(create(BOB, Optional.empty())).isInstanceOf(ImportJobStore.Created.Queued.class);
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.cancel(ALICE, first.id(), Instant.now())))
                .isPresent();
        assertThat(create(ALICE, Optional.empty())).isInstanceOf(ImportJobStore.Created.Queued.class);
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.cancel(ALICE, first.id(), Instant.now())))
                .as("already finished")
                .isEmpty();
    }

    @Test
    void anotherUserCannotSeeOrCancelTheJob() {
        ImportJob job = queued(ALICE);
        assertThat(tx.inUserSnapshot(BOB, () -> jobs.find(BOB, job.id()))).isEmpty();
        assertThat(tx.inUserSnapshot(BOB, () -> jobs.find(ALICE, job.id())))
                .as("RLS, even asked by name")
                .isEmpty();
        assertThat(tx.inUserTransaction(BOB, () -> jobs.cancel(ALICE, job.id(), Instant.now())))
                .isEmpty();
        assertThat(tx.inUserSnapshot(ALICE, () -> jobs.find(ALICE, job.id()))
                        .orElseThrow()
                        .state())
                .isEqualTo(ImportState.QUEUED);
    }

    @Test
    void concurrentClaimsTakeEachJobOnce() throws Exception {
        List<ImportId> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(queued(new UserId("user-" + i)).id());
        }
        Set<ImportId> claimed = ConcurrentHashMap.newKeySet();
        List<ImportId> all = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                go.await();
                for (Optional<ImportJob> job = jobs.claimNext(node, LEASE);
                        job.isPresent();
                        job = jobs.claimNext(node, LEASE)) {
                    claimed.add(job.get().id());
                    all.add(job.get().id());
                    assertThat(job.get().state()).isEqualTo(ImportState.RUNNING);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(all).hasSize(20);
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(created);
    }

    /**
     * Leases run on the database's clock ({@code now()}), the one clock every node shares, so the test
     * cannot move it: it lets a lease of one millisecond run out instead, and waits for the takeover.
     */
    @Test
    void aLiveLeaseIsRespectedAnExpiredOneIsTakenOverAndTheOldNodeCanNoLongerWrite() {
        queued(ALICE);
        ImportJob mine = jobs.claimNext("node-a", LEASE).orElseThrow();
        assertThat(jobs.claimNext("node-b", LEASE)).isEmpty();
        ImportJob progressed = mine.withProgress(
                mine.progress().plusFetched(10),
                ImportPhase.IMPORTING,
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.checkpoint(progressed, "node-a", Duration.ofMillis(1))))
                .isTrue();
        ImportJob taken = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.claimNext("node-b", LEASE), Optional::isPresent)
                .orElseThrow();
        assertThat(taken.id()).isEqualTo(mine.id());
        assertThat(taken.cursor()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(taken.progress().fetched()).isEqualTo(10);
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.checkpoint(progressed, "node-a", LEASE)))
                .isFalse();
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.heartbeat(ALICE, mine.id(), "node-a", LEASE)))
                .isFalse();
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.heartbeat(ALICE, mine.id(), "node-b", LEASE)))
                .isTrue();
    }

    /** One job parked an hour ahead and one parked until now: only the one that is due is claimed. */
    @Test
    void aParkedJobIsClaimedOnlyWhenDueAndACancelledOneNeverAgain() {
        ImportJob later = queued(ALICE);
        ImportJob running = jobs.claimNext("node-a", LEASE).orElseThrow();
        assertThat(tx.inUserTransaction(
                        ALICE, () -> jobs.park(running, "node-a", Instant.now().plus(Duration.ofHours(1)), true)))
                .isTrue();
        ImportJob parked =
                tx.inUserSnapshot(ALICE, () -> jobs.find(ALICE, later.id())).orElseThrow();
        assertThat(parked.state()).isEqualTo(ImportState.WAITING_RATE_LIMIT);
        assertThat(parked.resumeAt()).isPresent();
        assertThat(jobs.claimNext("node-b", LEASE)).isEmpty();

        ImportJob job = queued(BOB);
        ImportJob bobs = jobs.claimNext("node-a", LEASE).orElseThrow();
        assertThat(tx.inUserTransaction(BOB, () -> jobs.park(bobs, "node-a", Instant.now(), true)))
                .isTrue();
        ImportJob resumed = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.claimNext("node-b", LEASE), Optional::isPresent)
                .orElseThrow();
        assertThat(resumed.id()).isEqualTo(job.id());
        assertThat(tx.inUserTransaction(BOB, () -> jobs.cancel(BOB, job.id(), Instant.now())))
                .isPresent();
        assertThat(tx.inUserTransaction(BOB, () -> jobs.checkpoint(resumed, "node-b", LEASE)))
                .as("cancelled under it")
                .isFalse();
        assertThat(jobs.claimNext("node-c", LEASE)).isEmpty();
    }

    @Test
    void aCheckpointClearsTheFailedAttemptsOnlyWhenTheJobMovedOn() {
        ImportJob job = queued(ALICE);
        for (int attempt = 1; attempt <= 2; attempt++) {
            ImportJob claimed = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> jobs.claimNext("node-a", LEASE), Optional::isPresent)
                    .orElseThrow();
            // Each attempt saves the phase before asking the provider; that is no progress.
            ImportJob listing = claimed.withProgress(claimed.progress(), ImportPhase.LISTING, claimed.cursor());
            assertThat(tx.inUserTransaction(ALICE, () -> jobs.checkpoint(listing, "node-a", LEASE)))
                    .isTrue();
            assertThat(tx.inUserTransaction(ALICE, () -> jobs.park(listing, "node-a", Instant.now(), false)))
                    .isTrue();
            assertThat(tx.inUserSnapshot(ALICE, () -> jobs.find(ALICE, job.id()))
                            .orElseThrow()
                            .attempts())
                    .isEqualTo(attempt);
        }
        ImportJob claimed = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.claimNext("node-a", LEASE), Optional::isPresent)
                .orElseThrow();
        ImportJob moved = claimed.withProgress(
                claimed.progress().plusFetched(2),
                ImportPhase.IMPORTING,
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(tx.inUserTransaction(ALICE, () -> jobs.checkpoint(moved, "node-a", LEASE)))
                .isTrue();
        assertThat(tx.inUserSnapshot(ALICE, () -> jobs.find(ALICE, job.id()))
                        .orElseThrow()
                        .attempts())
                .isZero();
    }
}

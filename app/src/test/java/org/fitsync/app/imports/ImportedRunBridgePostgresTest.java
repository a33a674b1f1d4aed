package org.fitsync.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.run.PostgresBestEfforts;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.app.testing.StoredRuns;
import org.fitsync.application.imports.ImportedRunBridge;
import org.fitsync.application.run.PersonalRecordsPublisher;
import org.fitsync.application.run.RunEditingService;
import org.fitsync.application.run.RunIngestionService;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.out.imports.ImportedRunStore.StoreOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import's run store on the real runs services and PostgreSQL: it joins the caller's transaction
 * (a run commits or rolls back with the import's checkpoint), and racing imports of one activity
 * store it once.
 */
class ImportedRunBridgePostgresTest {

    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");

    private static DatabaseSettings settings;
    private static PostgresDatabase database;
    private static PostgresTransactions transactions;
    private static ImportedRunBridge bridge;

    @BeforeAll
    static void start() {
        settings = PostgresTestDatabase.fresh();
        database = PostgresDatabase.connect(settings, null);
        transactions = new PostgresTransactions(database.jdbi());
        PostgresRuns runs = new PostgresRuns();
        PostgresSyncVersions versions = new PostgresSyncVersions();
        OverlapPolicy policy = new OverlapPolicy(SourcePriority.DEFAULT);
        RunIngestionService ingestion = new RunIngestionService(
                transactions,
                versions,
                runs,
                runs,
                new PostgresBestEfforts(),
                runs,
                runs,
                policy,
                new TrackSimplifier(5),
                PersonalRecordsPublisher.NONE);
        RunEditingService editing = new RunEditingService(
                transactions, versions, runs, runs, runs, runs, runs, policy, PersonalRecordsPublisher.NONE);
        bridge = new ImportedRunBridge(transactions, ingestion, editing, editing);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aRunStoredInsideAnImportTransactionRollsBackWithIt() {
        UserId user = new UserId("rollback-user");
        assertThatThrownBy(() -> transactions.inUserTransaction(user, () -> {
                    assertThat(bridge.store(user, activity("2001"))).isInstanceOf(StoreOutcome.Stored.class);
                    assertThat(bridge.hasStravaActivity(user, "2001"))
                            .as("visible inside the transaction")
                            .isTrue();
                    throw new IllegalStateException("the checkpoint failed: lease lost");
                }))
                .hasMessageContaining("lease lost");

        assertThat(StoredRuns.allStravaRows(settings, user.value())).isZero();
        assertThat(bridge.hasStravaActivity(user, "2001")).isFalse();

        transactions.inUserTransaction(user, () -> bridge.store(user, activity("2001")));
        assertThat(StoredRuns.liveStravaRows(settings, user.value())).isEqualTo(1);
    }

    @Test
    void racingImportsOfOneActivityStoreItOnceAndTheRestAreDuplicatesOfIt() throws Exception {
        UserId user = new UserId("race-user");
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<StoreOutcome> outcomes = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StoreOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return transactions.inUserTransaction(user, () -> bridge.store(user, activity("3001")));
                }));
            }
            go.countDown();
            for (Future<StoreOutcome> future : futures) {
                outcomes.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<StoreOutcome> stored =
                outcomes.stream().filter(o -> o instanceof StoreOutcome.Stored).toList();
        assertThat(stored).hasSize(1);
        String id = ((StoreOutcome.Stored) stored.get(0)).runId();
        assertThat(outcomes)
                .filteredOn(o -> o instanceof StoreOutcome.Duplicate)
                .containsOnly(new StoreOutcome.Duplicate(id))
                .hasSize(nodes - 1);
        assertThat(StoredRuns.allStravaRows(settings, user.value())).isEqualTo(1);
    }

    @Test
    void deletingByActivityDeletesOnlyThatRun() {
        UserId user = new UserId("delete-user");
        bridge.store(user, activity("4001"));
        bridge.store(user, activity("4002", 7200));

        assertThat(bridge.deleteByStravaId(user, "4001")).isTrue();
        assertThat(bridge.deleteByStravaId(user, "4001")).isFalse();
        assertThat(bridge.hasStravaActivity(user, "4002")).isTrue();
        assertThat(StoredRuns.liveStravaRows(settings, user.value())).isEqualTo(1);
    }

    private static ImportedRun activity(String id) {
        return activity(id, 0);
    }

    private static ImportedRun activity(String id, int startSecond) {
        Instant start = START.plusSeconds(startSecond);
        List<TrackPoint> track = List.of(
                new TrackPoint(start.toEpochMilli(), 52.52, 13.40, OptionalDouble.of(34)),
                new TrackPoint(start.toEpochMilli() + 60_000, 52.521, 13.401, OptionalDouble.empty()));
        return new ImportedRun(
                id, start, start.plusSeconds(1800), 1750, 5000, "Lunch Run", "Run", track, Optional.empty());
    }
}

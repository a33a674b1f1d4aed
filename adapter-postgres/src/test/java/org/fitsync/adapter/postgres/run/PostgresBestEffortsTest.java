package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffortDistance;
import org.fitsync.domain.run.PersonalRecords;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The records statement against a real PostgreSQL: its plan in a long history, and erasure's cascade. */
class PostgresBestEffortsTest {

    private static PostgresDatabase database;
    private static PostgresTransactions transactions;
    private static DatabaseSettings settings;
    private final PostgresBestEfforts efforts = new PostgresBestEfforts();

    @BeforeAll
    static void start() {
        settings = PostgresTestDatabase.fresh();
        database = PostgresDatabase.connect(settings, null);
        transactions = new PostgresTransactions(database.jdbi());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theRecordsOfALongHistorySkipFlaggedRunsAndReadTheFastestEffortsByIndex() {
        UserId frank = new UserId("frank");
        owner().useHandle(h -> {
            // 10,000 runs, each with all seven efforts; the fastest run (g = 10000) is overlapping and
            // the next (g = 9999) deleted, so the record is g = 9998's.
            h.execute("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                        point_count, track, content_hash, created_version, version, elevation_gain_m, overlapping,
                        deleted_at)
                    SELECT 'frank', md5(g::text)::uuid, t, t + interval '4 hours', 14000, 42195 + g, 'phone', '', 0,
                        '\\x0100'::bytea, repeat('0', 64), g, g, g % 500, g = 10000,
                        CASE WHEN g = 9999 THEN now() END
                    FROM generate_series(1, 10000) g,
                        LATERAL (SELECT timestamptz '2010-01-01' + g * interval '8 hours' AS t) s""");
            h.execute("""
                    INSERT INTO run_best_efforts (user_id, run_id, distance, elapsed_ms, started_at)
                    SELECT 'frank', md5(g::text)::uuid, d, (20000000 - g) * (k + 1), timestamptz '2010-01-01'
                        + g * interval '8 hours'
                    FROM generate_series(1, 10000) g,
                        unnest(ARRAY['400m', '1k', '1mi', '5k', '10k', 'half_marathon', 'marathon'])
                            WITH ORDINALITY AS x(d, k)""");
            h.execute("ANALYZE runs");
            h.execute("ANALYZE run_best_efforts");
        });

        PersonalRecords records = transactions.inUserSnapshot(frank, () -> efforts.loadPersonalRecords(frank));

        assertThat(records.bestEfforts())
                .extracting(e -> e.effort().distance())
                .containsExactly(BestEffortDistance.values());
        String expected = owner().withHandle(h -> h.createQuery("SELECT md5('9998')::uuid::text")
                .mapTo(String.class)
                .one());
        assertThat(records.bestEfforts())
                .allSatisfy(e -> assertThat(e.runId().toString()).isEqualTo(expected));
        assertThat(records.bestEfforts().get(0).effort().elapsedMs()).isEqualTo((20_000_000 - 9998) * 2);
        assertThat(records.longestRun().orElseThrow().runId().toString()).isEqualTo(expected);
        assertThat(records.biggestClimb().orElseThrow().metres()).isEqualTo(499);

        String plan = transactions.inUserSnapshot(
                frank,
                () -> String.join(
                        "\n",
                        PostgresTransactions.handle()
                                .createQuery("EXPLAIN " + PostgresBestEfforts.RECORDS)
                                .bind("user", "frank")
                                .bindArray(
                                        "distances",
                                        String.class,
                                        List.of("400m", "1k", "1mi", "5k", "10k", "half_marathon", "marathon"))
                                .mapTo(String.class)
                                .list()));
        assertThat(plan)
                .contains(
                        "run_best_efforts_fastest_canonical", "runs_longest_canonical", "runs_biggest_climb_canonical")
                .doesNotContain("Seq Scan");
    }

    @Test
    void erasingARunRowErasesItsEfforts() {
        owner().useHandle(h -> {
            h.execute("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                        point_count, track, content_hash, created_version, version)
                    VALUES ('gina', md5('gina')::uuid, timestamptz '2026-03-02 08:00:00+00',
                        timestamptz '2026-03-02 09:00:00+00', 3000, 10000, 'phone', '', 0, '\\x0100'::bytea,
                        repeat('0', 64), 1, 1)""");
            h.execute("""
                    INSERT INTO run_best_efforts (user_id, run_id, distance, elapsed_ms, started_at)
                    VALUES ('gina', md5('gina')::uuid, '1k', 300000, timestamptz '2026-03-02 08:00:00+00')""");
            h.execute("DELETE FROM runs WHERE user_id = 'gina'");
            assertThat(h.createQuery("SELECT count(*) FROM run_best_efforts WHERE user_id = 'gina'")
                            .mapTo(Long.class)
                            .one())
                    .isZero();
        });
    }

    private static Jdbi owner() {
        return Jdbi.create(PostgresTestDatabase.ownerDataSource(settings));
    }
}

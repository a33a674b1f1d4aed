package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PeriodTotals;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.StatsPeriod;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stats aggregate against a real PostgreSQL: runs stored before their figures, and its plan. */
class PostgresRunTotalsTest {

    private static PostgresDatabase database;
    private static PostgresTransactions transactions;
    private static DatabaseSettings settings;
    private final PostgresRunTotals totals = new PostgresRunTotals();
    private final PostgresRuns runs = new PostgresRuns();

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
    void aRunStoredBeforeItsFiguresCountsItsDurationAsMovingTimeAndNoClimb() {
        UserId erin = new UserId("erin");
        UUID id = UUID.randomUUID();
        // As V20..V95 stored a run: no figure columns.
        owner().useHandle(h -> h.createUpdate("""
                        INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                            point_count, track, content_hash, created_version, version)
                        VALUES ('erin', :id, timestamptz '2026-03-02 08:00:00+00', timestamptz '2026-03-02 09:00:00+00',
                            3000, 10000, 'phone', '', 0, '\\x0100'::bytea, repeat('0', 64), 1, 1)""").bind("id", id).execute());

        List<PeriodTotals> sums = transactions.inUserSnapshot(
                erin,
                () -> totals.sumRuns(erin, StatsPeriod.MONTH, ZoneId.of("UTC"), Optional.empty(), Optional.empty()));
        assertThat(sums).containsExactly(new PeriodTotals(LocalDate.parse("2026-03-01"), 1, 10000, 3000, 0, 10000, id));

        RunFigures figures = transactions
                .inUserSnapshot(erin, () -> runs.loadRun(erin, id))
                .orElseThrow()
                .figures();
        assertThat(figures.movingTimeS()).isEqualTo(3000);
        assertThat(figures.avgPaceSPerKm()).hasValue(300.0);
        assertThat(figures.elevationGainM()).isEmpty();
        assertThat(figures.maxHeartRate()).isEmpty();
    }

    @Test
    void aBoundedStatsQueryIsAnIndexScanForTheAppRoleUnderRowLevelSecurity() {
        UserId dave = new UserId("dave");
        owner().useHandle(h -> {
            h.execute("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                        point_count, track, content_hash, created_version, version, moving_time_s, elevation_gain_m)
                    SELECT 'dave', gen_random_uuid(), t, t + interval '45 minutes', 2600, 8000, 'phone', '', 0,
                        '\\x0100'::bytea, repeat('0', 64), g, g, 2500, 40
                    FROM generate_series(1, 20000) g, LATERAL (SELECT timestamptz '2010-01-01' + g * interval '6 hours' AS t) s""");
            h.execute("ANALYZE runs");
        });
        Optional<Instant> from = Optional.of(Instant.parse("2020-01-01T00:00:00Z"));
        Optional<Instant> to = Optional.of(Instant.parse("2021-01-01T00:00:00Z"));

        List<PeriodTotals> year = transactions.inUserSnapshot(
                dave, () -> totals.sumRuns(dave, StatsPeriod.YEAR, ZoneId.of("UTC"), from, to));
        assertThat(year).hasSize(1);
        assertThat(year.get(0).count()).isEqualTo(366 * 4);
        assertThat(year.get(0).movingTimeS()).isEqualTo(366 * 4 * 2500L);

        String plan = transactions.inUserSnapshot(
                dave,
                () -> String.join(
                        "\n",
                        PostgresTransactions.handle()
                                .createQuery("EXPLAIN " + PostgresRunTotals.sql(true, true))
                                .bind("user", "dave")
                                .bind("unit", "year")
                                .bind("zone", "UTC")
                                .bind("from", OffsetDateTime.parse("2020-01-01T00:00:00Z"))
                                .bind("to", OffsetDateTime.parse("2021-01-01T00:00:00Z"))
                                .mapTo(String.class)
                                .list()));
        assertThat(plan).contains("runs_history").doesNotContain("Seq Scan");
    }

    private static Jdbi owner() {
        return Jdbi.create(PostgresTestDatabase.ownerDataSource(settings));
    }
}

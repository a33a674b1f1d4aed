package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.testing.ValidRuns;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.run.RunIdentity;
import org.fitsync.ports.out.run.StoreNewRunPort;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runs table against a real PostgreSQL: storage, isolation, and the overlap lookup. */
class PostgresRunsTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");

    private static PostgresDatabase database;
    private static PostgresTransactions transactions;
    private static DatabaseSettings settings;
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
    void storesAndReadsBackARunAndItsTrack() {
        NewRun run = run(UUID.randomUUID(), 0, 45);
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, run, run.fingerprint(), "_p~iF~ps|U", RunFiguresCalculator.of(run), 1));

        var stored = transactions
                .inUserSnapshot(ALICE, () -> runs.loadRun(ALICE, run.id()))
                .orElseThrow();
        assertThat(stored.span()).isEqualTo(run.span());
        assertThat(stored.source()).isEqualTo(Source.PHONE);
        assertThat(stored.pointCount()).isEqualTo(2);
        assertThat(stored.metadataJson()).contains("{\"device\": \"Pixel 9\"}");
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.loadTrack(ALICE, run.id())))
                .contains(new RunRecording(run.track(), Optional.empty()));
        assertThat(transactions
                        .inUserSnapshot(ALICE, () -> runs.findIdentity(ALICE, run.id()))
                        .orElseThrow()
                        .fingerprint())
                .isEqualTo(run.fingerprint());
    }

    @Test
    void anotherUserCannotSeeTheRunEvenWithoutAFilter() {
        NewRun run = run(UUID.randomUUID(), 100, 130);
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, run, run.fingerprint(), "", RunFiguresCalculator.of(run), 2));
        assertThat(transactions.inUserSnapshot(BOB, () -> runs.loadRun(ALICE, run.id())))
                .isEmpty();
        Long visible = transactions.inUserSnapshot(
                BOB,
                () -> PostgresTransactions.handle()
                        .createQuery("SELECT count(*) FROM runs")
                        .mapTo(Long.class)
                        .one());
        assertThat(visible).isZero();
    }

    @Test
    void theFirstLookClaimsAVersionOnlyForAnUnknownIdAndSetsTheUserItself() {
        NewRun run = run(UUID.randomUUID(), 500, 530);
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, run, run.fingerprint(), "", RunFiguresCalculator.of(run), 4));
        long before = version(ALICE);

        // First in its transaction, so it is the statement that sets app.user_id.
        assertThat(transactions.inUserTransaction(ALICE, () -> runs.identityOrClaim(ALICE, run.id())))
                .isEqualTo(new StoreNewRunPort.FirstLook.Known(new RunIdentity(run.id(), run.fingerprint(), false)));
        assertThat(version(ALICE)).isEqualTo(before);

        var claimed = transactions.inUserTransaction(ALICE, () -> {
            var look = runs.identityOrClaim(ALICE, UUID.randomUUID());
            String scope = PostgresTransactions.handle()
                    .createQuery("SELECT current_setting('app.user_id')")
                    .mapTo(String.class)
                    .one();
            return List.of(look, scope);
        });
        assertThat(claimed).containsExactly(new StoreNewRunPort.FirstLook.Claimed(before + 1), ALICE.value());
        assertThat(version(ALICE)).isEqualTo(before + 1);

        // Not first in its transaction: it uses the user already set.
        assertThat(transactions.inUserTransaction(ALICE, () -> {
                    PostgresTransactions.handle();
                    return runs.identityOrClaim(ALICE, run.id());
                }))
                .isInstanceOf(StoreNewRunPort.FirstLook.Known.class);

        // Row-level security holds for it: Bob's look does not see Alice's run, so it claims Bob's version.
        assertThat(transactions.inUserTransaction(BOB, () -> runs.identityOrClaim(BOB, run.id())))
                .isInstanceOf(StoreNewRunPort.FirstLook.Claimed.class);
        assertThat(version(ALICE)).isEqualTo(before + 1);
    }

    @Test
    void anInsertIfClearStoresNothingWhenTheIdIsTakenOrTheSpanOverlaps() {
        NewRun first = run(UUID.randomUUID(), 700, 760);
        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.insertIfClear(
                                ALICE, first, first.fingerprint(), "", RunFiguresCalculator.of(first), 7)))
                .hasValueSatisfying(stored -> assertThat(stored.id()).isEqualTo(first.id()));
        NewRun overlapping = run(UUID.randomUUID(), 759, 800);
        NewRun sameId = ValidRuns.of(
                first.id(),
                span(900, 960),
                first.durationS(),
                first.distanceM(),
                first.source(),
                first.notes(),
                first.metadataJson(),
                Track.EMPTY,
                first.stravaId(),
                first.weatherJson());
        NewRun backToBack = run(UUID.randomUUID(), 760, 800);

        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.insertIfClear(
                                ALICE,
                                overlapping,
                                overlapping.fingerprint(),
                                "",
                                RunFiguresCalculator.of(overlapping),
                                8)))
                .isEmpty();
        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.insertIfClear(
                                ALICE, sameId, sameId.fingerprint(), "", RunFiguresCalculator.of(sameId), 8)))
                .isEmpty();
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findIdentity(ALICE, overlapping.id())))
                .isEmpty();
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.loadRun(ALICE, first.id())))
                .hasValueSatisfying(stored -> assertThat(stored.span()).isEqualTo(first.span()));
        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.insertIfClear(
                                ALICE,
                                backToBack,
                                backToBack.fingerprint(),
                                "",
                                RunFiguresCalculator.of(backToBack),
                                9)))
                .isPresent();
        // Another user's runs are no obstacle.
        UserId carol = new UserId("carol");
        assertThat(transactions.inUserTransaction(
                        carol,
                        () -> runs.insertIfClear(
                                carol,
                                overlapping,
                                overlapping.fingerprint(),
                                "",
                                RunFiguresCalculator.of(overlapping),
                                1)))
                .isPresent();
    }

    @Test
    void storeIfNewSaysWhatStoppedIt() {
        NewRun first = run(UUID.randomUUID(), 1300, 1360);
        var stored = transactions.inUserTransaction(
                ALICE,
                () -> runs.storeIfNew(ALICE, first, first.fingerprint(), "", RunFiguresCalculator.of(first), 10));
        assertThat(stored)
                .isInstanceOfSatisfying(
                        StoreNewRunPort.StoreAttempt.Stored.class,
                        s -> assertThat(s.run().id()).isEqualTo(first.id()));

        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.storeIfNew(
                                ALICE, first, first.fingerprint(), "", RunFiguresCalculator.of(first), 11)))
                .isEqualTo(new StoreNewRunPort.StoreAttempt.AlreadyKnown(
                        new RunIdentity(first.id(), first.fingerprint(), false)));
        NewRun overlapping = run(UUID.randomUUID(), 1359, 1400);
        var overlap = transactions.inUserTransaction(
                ALICE,
                () -> runs.storeIfNew(
                        ALICE, overlapping, overlapping.fingerprint(), "", RunFiguresCalculator.of(overlapping), 11));
        assertThat(overlap)
                .isInstanceOfSatisfying(
                        StoreNewRunPort.StoreAttempt.MayOverlap.class,
                        m -> assertThat(m.candidates()).extracting(c -> c.id()).containsExactly(first.id()));
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findIdentity(ALICE, overlapping.id())))
                .isEmpty();

        NewRun imported = stravaRun(UUID.randomUUID(), 1500, 1560, "strava-77");
        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.storeIfNew(
                                ALICE, imported, imported.fingerprint(), "", RunFiguresCalculator.of(imported), 12)))
                .isInstanceOf(StoreNewRunPort.StoreAttempt.Stored.class);
        NewRun again = stravaRun(UUID.randomUUID(), 1600, 1660, "strava-77");
        assertThat(transactions.inUserTransaction(
                        ALICE,
                        () -> runs.storeIfNew(
                                ALICE, again, again.fingerprint(), "", RunFiguresCalculator.of(again), 13)))
                .isEqualTo(new StoreNewRunPort.StoreAttempt.StravaIdTaken(imported.id()));
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findIdentity(ALICE, again.id())))
                .isEmpty();
    }

    private static long version(UserId user) {
        return transactions.inUserSnapshot(
                user,
                () -> PostgresTransactions.handle()
                        .createQuery("SELECT coalesce(max(version), 0) FROM sync_state")
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void overlapLookupIsHalfOpen() {
        NewRun run = run(UUID.randomUUID(), 1000, 1060);
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, run, run.fingerprint(), "", RunFiguresCalculator.of(run), 3));
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findOverlapping(ALICE, span(1060, 1100))))
                .isEmpty();
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findOverlapping(ALICE, span(940, 1000))))
                .isEmpty();
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findOverlapping(ALICE, span(1059, 1100))))
                .extracting(t -> t.id())
                .containsExactly(run.id());
        assertThat(transactions.inUserSnapshot(ALICE, () -> runs.findOverlapping(ALICE, span(1001, 1002))))
                .extracting(t -> t.id())
                .containsExactly(run.id());
    }

    @Test
    void theLookBeforeInsertReadsTheIdentityAndTheOverlapsTogether() {
        NewRun first = run(UUID.randomUUID(), 2000, 2060);
        NewRun second = run(UUID.randomUUID(), 2030, 2090);
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, first, first.fingerprint(), "", RunFiguresCalculator.of(first), 5));
        transactions.inUserTransaction(
                ALICE, () -> runs.store(ALICE, second, second.fingerprint(), "", RunFiguresCalculator.of(second), 6));

        var known =
                transactions.inUserSnapshot(ALICE, () -> runs.lookBeforeInsert(ALICE, first.id(), span(2050, 2100)));
        assertThat(known.identity()).contains(new RunIdentity(first.id(), first.fingerprint(), false));
        assertThat(known.overlapping()).extracting(t -> t.id()).containsExactlyInAnyOrder(first.id(), second.id());

        UUID unknown = UUID.randomUUID();
        var alone = transactions.inUserSnapshot(ALICE, () -> runs.lookBeforeInsert(ALICE, unknown, span(2100, 2200)));
        assertThat(alone.identity()).isEmpty();
        assertThat(alone.overlapping()).isEmpty();
        assertThat(transactions
                        .inUserSnapshot(ALICE, () -> runs.lookBeforeInsert(ALICE, unknown, span(2089, 2200)))
                        .overlapping())
                .extracting(t -> t.id())
                .containsExactly(second.id());
        assertThat(transactions.inUserSnapshot(BOB, () -> runs.lookBeforeInsert(BOB, first.id(), span(2000, 2100))))
                .isEqualTo(new PostgresRuns.BeforeInsert(Optional.empty(), List.of()));
    }

    @Test
    void aFortyEightHourRunIsFoundFromItsLastMinute() {
        NewRun longest = run(UUID.randomUUID(), 10_000, 10_000 + 48 * 60);
        transactions.inUserTransaction(
                ALICE,
                () -> runs.store(ALICE, longest, longest.fingerprint(), "", RunFiguresCalculator.of(longest), 4));
        assertThat(transactions.inUserSnapshot(
                        ALICE, () -> runs.findOverlapping(ALICE, span(10_000 + 48 * 60 - 1, 10_000 + 48 * 60 + 30))))
                .extracting(t -> t.id())
                .containsExactly(longest.id());
    }

    @Test
    void overlapLookupIsAnIndexRangeScanForTheAppRoleUnderRowLevelSecurity() {
        UserId carol = new UserId("carol");
        Jdbi.create(PostgresTestDatabase.ownerDataSource(settings)).useHandle(h -> {
            h.execute("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                        point_count, track, content_hash, created_version, version)
                    SELECT 'carol', gen_random_uuid(), t, t + interval '45 minutes', 2600, 8000, 'phone', '', 0,
                        '\\x0100'::bytea, repeat('0', 64), g, g
                    FROM generate_series(1, 20000) g, LATERAL (SELECT timestamptz '2010-01-01' + g * interval '6 hours' AS t) s""");
            h.execute("ANALYZE runs");
        });
        String plan = transactions.inUserSnapshot(
                carol,
                () -> String.join(
                        "\n",
                        PostgresTransactions.handle()
                                .createQuery("EXPLAIN " + "SELECT id" + PostgresRuns.OVERLAPPING_RUNS)
                                .bind("user", "carol")
                                .bind("earliest", OffsetDateTime.parse("2019-12-30T00:00:00Z"))
                                .bind("start", OffsetDateTime.parse("2020-01-01T00:00:00Z"))
                                .bind("end", OffsetDateTime.parse("2020-01-01T01:00:00Z"))
                                .mapTo(String.class)
                                .list()));
        assertThat(plan)
                .contains("Index Scan using runs_history")
                .contains("started_at >")
                .doesNotContain("Seq Scan");
    }

    private static NewRun run(UUID id, int startMinute, int endMinute) {
        TimeSpan span = span(startMinute, endMinute);
        Track track = new Track(List.of(
                TrackPoint.of(span.start().toEpochMilli(), 52.52001, 13.40495, 34.2),
                TrackPoint.withoutElevation(span.start().toEpochMilli() + 1000, 52.52003, 13.40501)));
        return ValidRuns.of(
                id,
                span,
                60,
                100,
                Source.PHONE,
                Optional.of("easy"),
                Optional.of("{\"device\":\"Pixel 9\"}"),
                track,
                Optional.empty(),
                Optional.empty());
    }

    private static NewRun stravaRun(UUID id, int startMinute, int endMinute, String stravaId) {
        NewRun run = run(id, startMinute, endMinute);
        return ValidRuns.of(
                run.id(),
                run.span(),
                run.durationS(),
                run.distanceM(),
                Source.STRAVA,
                run.notes(),
                run.metadataJson(),
                run.track(),
                Optional.of(stravaId),
                Optional.empty());
    }

    private static TimeSpan span(int startMinute, int endMinute) {
        return new TimeSpan(START.plusSeconds(60L * startMinute), START.plusSeconds(60L * endMinute));
    }
}

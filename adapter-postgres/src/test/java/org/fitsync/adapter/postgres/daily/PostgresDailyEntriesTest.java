package org.fitsync.adapter.postgres.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.daily.DailyEntryService;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.FieldEdit;
import org.fitsync.domain.daily.IngestStatus;
import org.fitsync.domain.daily.ManualAuthor;
import org.fitsync.domain.daily.ManualEdit;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.ports.in.daily.IngestSleepCommand;
import org.fitsync.ports.in.daily.IngestStepsCommand;
import org.fitsync.ports.in.daily.ListDailyEntriesQuery;
import org.fitsync.ports.in.daily.PushedEntryChange;
import org.fitsync.ports.in.daily.RecordManualEntryCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The daily service on real storage: round trips, versions, idempotency and row-level isolation. */
class PostgresDailyEntriesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static DatabaseSettings settings;
    private static PostgresDatabase db;
    private static PostgresTransactions tx;
    private static DailyEntryService service;
    private static final PostgresSyncVersions versions = new PostgresSyncVersions();

    @BeforeAll
    static void start() {
        settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
        PostgresDailyEntries entries = new PostgresDailyEntries();
        service = new DailyEntryService(tx, versions, new DailyEntryService.Storage(entries, entries));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void everyPartOfADayRoundTrips() {
        UserId user = new UserId("round-trip");
        SleepRecord night = new SleepRecord(
                Instant.parse("2026-11-19T23:00:00.123456789Z"),
                Instant.parse("2026-11-20T06:11:00Z"),
                431,
                new SleepStages(Optional.of(80), Optional.empty(), Optional.of(90), Optional.of(11)));
        service.ingestSteps(new IngestStepsCommand(user, DeviceSource.GARMIN, List.of(new StepsReading(DAY, 8123))));
        service.ingestSleep(
                new IngestSleepCommand(user, DeviceSource.HEALTHKIT, List.of(new SleepReading(DAY, night))));
        DailyEntry recorded = service.record(new RecordManualEntryCommand(
                user,
                DAY,
                new ManualEdit(
                        FieldEdit.setTo(9000), FieldEdit.keep(), FieldEdit.setTo(4), FieldEdit.setTo("felt good")),
                ManualAuthor.coach(new UserId("coach"))));

        List<DailyEntry> listed = service.list(new ListDailyEntriesQuery(user, Optional.of(DAY), Optional.of(DAY)));

        assertThat(listed).containsExactly(recorded);
        assertThat(recorded.sleep()).contains(night);
        assertThat(recorded.steps().device().orElseThrow().value()).isEqualTo(8123);
    }

    @Test
    void reSentBatchTakesNoVersionAndWritesNothing() {
        UserId user = new UserId("resend");
        IngestStepsCommand batch = new IngestStepsCommand(
                user,
                DeviceSource.HEALTHKIT,
                List.of(new StepsReading(DAY, 100), new StepsReading(DAY.plusDays(1), 200)));
        service.ingestSteps(batch);
        long after = tx.inUserSnapshot(user, () -> versions.currentVersion(user));

        List<IngestStatus> again = service.ingestSteps(batch);

        assertThat(again).containsExactly(IngestStatus.STORED, IngestStatus.STORED);
        assertThat(tx.inUserSnapshot(user, () -> versions.currentVersion(user))).isEqualTo(after);
    }

    @Test
    void rowsAreStampedWithTheWritesVersion() throws Exception {
        UserId user = new UserId("stamped");
        service.ingestSteps(new IngestStepsCommand(user, DeviceSource.HEALTHKIT, List.of(new StepsReading(DAY, 1))));
        service.ingestSteps(new IngestStepsCommand(user, DeviceSource.HEALTHKIT, List.of(new StepsReading(DAY, 2))));
        long current = tx.inUserSnapshot(user, () -> versions.currentVersion(user));
        try (Connection c = PostgresTestDatabase.ownerDataSource(settings).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM daily_entries WHERE user_id = 'stamped'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(current);
        }
    }

    @Test
    void concurrentWritersToOneDayLoseNothing() throws Exception {
        UserId user = new UserId("concurrent");
        List<Callable<Object>> writers = new ArrayList<>();
        for (DeviceSource source : DeviceSource.values()) {
            writers.add(() ->
                    service.ingestSteps(new IngestStepsCommand(user, source, List.of(new StepsReading(DAY, 100)))));
        }
        writers.add(() -> service.record(new RecordManualEntryCommand(
                user,
                DAY,
                new ManualEdit(FieldEdit.keep(), FieldEdit.keep(), FieldEdit.setTo(3), FieldEdit.keep()),
                ManualAuthor.owner())));
        writers.add(() -> service.record(new RecordManualEntryCommand(
                user,
                DAY,
                new ManualEdit(FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.setTo("note")),
                ManualAuthor.owner())));
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            for (Future<Object> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        DailyEntry day = service.list(new ListDailyEntriesQuery(user, Optional.empty(), Optional.empty()))
                .get(0);
        assertThat(day.orderedDeviceSources()).containsExactly(DeviceSource.values());
        assertThat(day.sleepQuality().effective()).contains(3);
        assertThat(day.notes().effective()).contains("note");
    }

    @Test
    void aPushedEntryIsManualAndStampedWithThePushVersion() {
        UserId user = new UserId("pusher");
        service.ingestSteps(new IngestStepsCommand(user, DeviceSource.HEALTHKIT, List.of(new StepsReading(DAY, 8000))));

        long pushVersion = tx.inUserTransaction(user, () -> {
            long version = versions.claimNextVersion(user);
            service.apply(new PushedEntryChange.Edited(
                    user,
                    DAY,
                    new ManualEdit(FieldEdit.setTo(7000), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep()),
                    version));
            return version;
        });

        DailyEntry day = service.list(new ListDailyEntriesQuery(user, Optional.empty(), Optional.empty()))
                .get(0);
        assertThat(day.steps().effective()).contains(7000);
        assertThat(day.steps().isManual()).isTrue();
        assertThat(tx.inUserSnapshot(
                        user,
                        () -> PostgresTransactions.handle()
                                .createQuery("SELECT version FROM daily_entries WHERE user_id = 'pusher'")
                                .mapTo(Long.class)
                                .one()))
                .isEqualTo(pushVersion);
    }

    @Test
    void aPushedDeletionLeavesATombstoneAndALaterIngestStartsAfresh() {
        UserId user = new UserId("deleter");
        SleepRecord night = new SleepRecord(
                Instant.parse("2026-11-19T23:00:00Z"), Instant.parse("2026-11-20T06:00:00Z"), 420, SleepStages.none());
        service.ingestSleep(
                new IngestSleepCommand(user, DeviceSource.HEALTHKIT, List.of(new SleepReading(DAY, night))));
        service.record(new RecordManualEntryCommand(
                user,
                DAY,
                new ManualEdit(FieldEdit.setTo(1), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep()),
                ManualAuthor.owner()));

        long deleteVersion = tx.inUserTransaction(user, () -> {
            long version = versions.claimNextVersion(user);
            service.apply(new PushedEntryChange.Deleted(user, DAY, version));
            return version;
        });

        assertThat(service.list(new ListDailyEntriesQuery(user, Optional.empty(), Optional.empty())))
                .isEmpty();
        assertThat(tx.inUserSnapshot(
                        user,
                        () -> PostgresTransactions.handle()
                                .createQuery(
                                        "SELECT version FROM daily_entries WHERE user_id = 'deleter' AND deleted_at IS NOT NULL")
                                .mapTo(Long.class)
                                .one()))
                .isEqualTo(deleteVersion);

        service.ingestSteps(new IngestStepsCommand(user, DeviceSource.GARMIN, List.of(new StepsReading(DAY, 50))));
        DailyEntry fresh = service.list(new ListDailyEntriesQuery(user, Optional.empty(), Optional.empty()))
                .get(0);
        assertThat(fresh)
                .isEqualTo(DailyEntry.empty(DAY)
                        .ingestSteps(DeviceSource.GARMIN, 50)
                        .entry());
    }

    @Test
    void usersCannotSeeEachOthersDays() {
        UserId alice = new UserId("iso-alice");
        UserId bob = new UserId("iso-bob");
        service.ingestSteps(
                new IngestStepsCommand(alice, DeviceSource.HEALTHKIT, List.of(new StepsReading(DAY, 1234))));

        assertThat(service.list(new ListDailyEntriesQuery(bob, Optional.empty(), Optional.empty())))
                .isEmpty();
        // Even asking for Alice by name inside Bob's transaction finds nothing: RLS filters the rows.
        assertThat(tx.inUserSnapshot(bob, () -> new PostgresDailyEntries().loadDays(alice, List.of(DAY))))
                .isEmpty();
        assertThat(service.list(new ListDailyEntriesQuery(alice, Optional.empty(), Optional.empty())))
                .hasSize(1);
    }
}

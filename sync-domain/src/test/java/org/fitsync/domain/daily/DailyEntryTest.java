package org.fitsync.domain.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;

/** The merge rule in the three source situations: manual only, device only, both in either order. */
class DailyEntryTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final ManualEdit STEPS_5000 =
            new ManualEdit(FieldEdit.setTo(5000), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep());

    @Test
    void manualOnly() {
        DailyEntry entry = DailyEntry.empty(DAY).edit(STEPS_5000, ManualAuthor.owner());

        assertThat(entry.steps().effective()).contains(5000);
        assertThat(entry.manualFields()).containsExactly(Metric.STEPS);
        assertThat(entry.hasManualValue()).isTrue();
        assertThat(entry.orderedDeviceSources()).isEmpty();
    }

    @Test
    void deviceOnly() {
        DailyEntry.Ingested ingested = DailyEntry.empty(DAY).ingestSteps(DeviceSource.HEALTHKIT, 8123);

        assertThat(ingested.status()).isEqualTo(IngestStatus.STORED);
        assertThat(ingested.entry().steps().effective()).contains(8123);
        assertThat(ingested.entry().manualFields()).isEmpty();
        assertThat(ingested.entry().hasManualValue()).isFalse();
        assertThat(ingested.entry().orderedDeviceSources()).containsExactly(DeviceSource.HEALTHKIT);
    }

    @Test
    void manualThenDeviceKeepsManualAndRecordsTheDevice() {
        DailyEntry manual = DailyEntry.empty(DAY).edit(STEPS_5000, ManualAuthor.owner());

        DailyEntry.Ingested ingested = manual.ingestSteps(DeviceSource.HEALTHKIT, 8123);

        assertThat(ingested.status()).isEqualTo(IngestStatus.KEPT_MANUAL);
        assertThat(ingested.entry().steps().effective()).contains(5000);
        assertThat(ingested.entry().steps().device()).contains(new DeviceValue<>(8123, DeviceSource.HEALTHKIT));
        assertThat(ingested.entry().manualFields()).containsExactly(Metric.STEPS);
        assertThat(ingested.entry().orderedDeviceSources()).containsExactly(DeviceSource.HEALTHKIT);
    }

    @Test
    void deviceThenManualShowsManualAndKeepsTheDevice() {
        DailyEntry device =
                DailyEntry.empty(DAY).ingestSteps(DeviceSource.HEALTHKIT, 8123).entry();

        DailyEntry entry = device.edit(STEPS_5000, ManualAuthor.owner());

        assertThat(entry.steps().effective()).contains(5000);
        assertThat(entry.manualFields()).containsExactly(Metric.STEPS);
        assertThat(entry.orderedDeviceSources()).containsExactly(DeviceSource.HEALTHKIT);
    }

    @Test
    void bothOrdersEndInTheSameDay() {
        DailyEntry manualFirst = DailyEntry.empty(DAY)
                .edit(STEPS_5000, ManualAuthor.owner())
                .ingestSteps(DeviceSource.HEALTHKIT, 8123)
                .entry();
        DailyEntry deviceFirst = DailyEntry.empty(DAY)
                .ingestSteps(DeviceSource.HEALTHKIT, 8123)
                .entry()
                .edit(STEPS_5000, ManualAuthor.owner());

        assertThat(manualFirst).isEqualTo(deviceFirst);
    }

    @Test
    void clearingTheManualValueShowsTheDeviceValueAgain() {
        DailyEntry entry = DailyEntry.empty(DAY)
                .ingestSteps(DeviceSource.GARMIN, 7000)
                .entry()
                .edit(STEPS_5000, ManualAuthor.owner())
                .edit(
                        new ManualEdit(FieldEdit.clear(), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep()),
                        ManualAuthor.owner());

        assertThat(entry.steps().effective()).contains(7000);
        assertThat(entry.manualFields()).isEmpty();
    }

    @Test
    void sleepUnderManualMinutesStillStoresTheNightPerSource() {
        DailyEntry manual = DailyEntry.empty(DAY)
                .edit(
                        new ManualEdit(FieldEdit.keep(), FieldEdit.setTo(400), FieldEdit.setTo(4), FieldEdit.keep()),
                        ManualAuthor.owner());
        SleepRecord night = new SleepRecord(
                Instant.parse("2026-11-19T23:00:00Z"),
                Instant.parse("2026-11-20T06:11:00Z"),
                431,
                new SleepStages(Optional.of(80), Optional.of(250), Optional.of(90), Optional.of(11)));

        DailyEntry.Ingested ingested = manual.ingestSleep(DeviceSource.HEALTHKIT, night);

        assertThat(ingested.status()).isEqualTo(IngestStatus.KEPT_MANUAL);
        assertThat(ingested.entry().sleepMin().effective()).contains(400);
        assertThat(ingested.entry().sleep()).contains(night);
        assertThat(ingested.entry().sleepRecords()).containsEntry(DeviceSource.HEALTHKIT, night);
        assertThat(ingested.entry().manualFields()).containsExactly(Metric.SLEEP_MIN, Metric.SLEEP_QUALITY);
    }

    @Test
    void coachCorrectionIsManualAndRecordsTheCoach() {
        UserId coach = new UserId("coach-1");
        DailyEntry entry = DailyEntry.empty(DAY)
                .ingestSteps(DeviceSource.HEALTHKIT, 8123)
                .entry()
                .edit(STEPS_5000, ManualAuthor.coach(coach));

        assertThat(entry.manualFields()).containsExactly(Metric.STEPS);
        assertThat(entry.steps().manual()).contains(new ManualValue<>(5000, Optional.of(coach)));
        assertThat(entry.corrections()).containsOnlyKeys(Metric.STEPS);
    }

    @Test
    void reingestingTheSameReadingChangesNothing() {
        DailyEntry once =
                DailyEntry.empty(DAY).ingestSteps(DeviceSource.HEALTHKIT, 8123).entry();
        assertThat(once.ingestSteps(DeviceSource.HEALTHKIT, 8123).entry()).isEqualTo(once);
    }

    @Test
    void everyContributingDeviceStaysListed() {
        DailyEntry entry = DailyEntry.empty(DAY)
                .ingestSteps(DeviceSource.GARMIN, 100)
                .entry()
                .ingestSteps(DeviceSource.HEALTHKIT, 200)
                .entry();
        assertThat(entry.orderedDeviceSources()).isEqualTo(List.of(DeviceSource.HEALTHKIT, DeviceSource.GARMIN));
        assertThat(entry.steps().effective()).contains(200);
    }
}

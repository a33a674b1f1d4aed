package org.fitsync.domain.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.junit.jupiter.api.Test;

class ReadingValidationTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Instant START = Instant.parse("2026-11-19T23:00:00Z");

    @Test
    void realCalendarDatesOnly() {
        assertThat(DailyLimits.parseDate("2026-11-20")).contains(DAY);
        assertThat(DailyLimits.parseDate("2028-02-29")).isPresent();
        assertThat(DailyLimits.parseDate("2026-02-29")).isEmpty();
        assertThat(DailyLimits.parseDate("2026-13-01")).isEmpty();
        assertThat(DailyLimits.parseDate("2026-1-01")).isEmpty();
        assertThat(DailyLimits.parseDate("+12026-01-01")).isEmpty();
        assertThat(DailyLimits.parseDate("0000-01-01")).isEmpty();
        assertThat(DailyLimits.parseDate(null)).isEmpty();
    }

    @Test
    void stepsWithinBounds() {
        assertThat(StepsReading.check(DAY, 0)).isEmpty();
        assertThat(StepsReading.check(DAY, 200_000)).isEmpty();
        assertThat(fields(StepsReading.check(DAY, 200_001))).containsExactly("steps");
        assertThat(fields(StepsReading.check(DAY, -1))).containsExactly("steps");
    }

    @Test
    void sleepEndsAfterStartWithin24Hours() {
        assertThat(SleepReading.check(DAY, START, START.plusSeconds(431 * 60), 431, SleepStages.none()))
                .isEmpty();
        assertThat(fields(SleepReading.check(DAY, START, START, 0, SleepStages.none())))
                .containsExactly("end");
        assertThat(fields(SleepReading.check(DAY, START, START.minusSeconds(60), 0, SleepStages.none())))
                .containsExactly("end");
        assertThat(fields(SleepReading.check(DAY, START, START.plusSeconds(25 * 3600), 60, SleepStages.none())))
                .containsExactly("end");
    }

    @Test
    void totalFitsTheSpanAndTheStagesFitTheTotal() {
        assertThat(fields(SleepReading.check(DAY, START, START.plusSeconds(60 * 60), 61, SleepStages.none())))
                .containsExactly("total_min");
        SleepStages tooMuch = new SleepStages(Optional.of(200), Optional.of(200), Optional.of(100), Optional.empty());
        assertThat(fields(SleepReading.check(DAY, START, START.plusSeconds(480 * 60), 431, tooMuch)))
                .containsExactly("total_min");
        SleepStages negative = new SleepStages(Optional.of(-1), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(fields(SleepReading.check(DAY, START, START.plusSeconds(480 * 60), 431, negative)))
                .containsExactly("deep_min");
    }

    @Test
    void nightMustBelongToItsDate() {
        Instant farAway = Instant.parse("2026-10-01T23:00:00Z");
        assertThat(fields(SleepReading.check(DAY, farAway, farAway.plusSeconds(3600), 60, SleepStages.none())))
                .containsExactly("start");
    }

    @Test
    void manualValuesWithinBounds() {
        assertThat(fields(ManualEdit.check(
                        FieldEdit.setTo(-5),
                        FieldEdit.setTo(1441),
                        FieldEdit.setTo(6),
                        FieldEdit.setTo("x".repeat(10_001)))))
                .containsExactly("steps", "sleep_min", "sleep_quality", "notes");
        assertThat(ManualEdit.check(FieldEdit.setTo(0), FieldEdit.clear(), FieldEdit.setTo(1), FieldEdit.keep()))
                .isEmpty();
    }

    private static List<String> fields(List<FieldError> violations) {
        return violations.stream().map(FieldError::field).toList();
    }
}

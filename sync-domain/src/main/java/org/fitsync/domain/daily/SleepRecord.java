package org.fitsync.domain.daily;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.FieldError;

/**
 * One night as a device recorded it. {@code totalMin} is the time in bed the stages add up to
 * (awake included), so it can neither exceed the recorded span nor be less than the stages.
 */
public record SleepRecord(Instant start, Instant end, int totalMin, SleepStages stages) {

    /** A night is attributed to a day; it may start the evening before in any time zone. */
    private static final Duration MAX_DISTANCE_FROM_DATE = Duration.ofDays(2);

    private static final Duration MAX_SPAN = Duration.ofHours(24);

    public SleepRecord {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(stages, "stages");
        // Kept to the millisecond, the precision sync clients use, so a re-sent night compares equal.
        start = start.truncatedTo(ChronoUnit.MILLIS);
        end = end.truncatedTo(ChronoUnit.MILLIS);
        FieldError.requireNone(check(Optional.empty(), start, end, totalMin, stages));
    }

    /** The rules for a night attributed to {@code date} (when known). */
    public static List<FieldError> check(
            Optional<LocalDate> date, Instant start, Instant end, int totalMin, SleepStages stages) {
        List<FieldError> violations = new ArrayList<>();
        date.ifPresent(day -> {
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (Duration.between(midnight, start).abs().compareTo(MAX_DISTANCE_FROM_DATE) > 0) {
                violations.add(new FieldError("start", "must be within two days of date"));
            }
        });
        if (!end.isAfter(start)) {
            violations.add(new FieldError("end", "must be after start"));
        } else if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            violations.add(new FieldError("end", "must be within 24 hours of start"));
        }
        DailyLimits.checkRange("total_min", totalMin, 0, DailyLimits.MINUTES_PER_DAY)
                .ifPresent(violations::add);
        if (end.isAfter(start) && totalMin > spanMinutesRoundedUp(start, end)) {
            violations.add(new FieldError("total_min", "must not exceed the time between start and end"));
        }
        checkStage("deep_min", stages.deepMin(), violations);
        checkStage("light_min", stages.lightMin(), violations);
        checkStage("rem_min", stages.remMin(), violations);
        checkStage("awake_min", stages.awakeMin(), violations);
        if (stages.sum() > totalMin) {
            violations.add(new FieldError("total_min", "must not be less than the sum of the stages"));
        }
        return violations;
    }

    private static void checkStage(String field, Optional<Integer> minutes, List<FieldError> violations) {
        minutes.flatMap(m -> DailyLimits.checkRange(field, m, 0, DailyLimits.MINUTES_PER_DAY))
                .ifPresent(violations::add);
    }

    private static long spanMinutesRoundedUp(Instant start, Instant end) {
        // Only called with end after start, where whole seconds of the span are its milliseconds / 1000.
        long seconds = Duration.between(start, end).toMillis() / 1000;
        return (seconds + 59) / 60;
    }
}

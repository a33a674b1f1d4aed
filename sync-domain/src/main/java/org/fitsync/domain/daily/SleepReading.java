package org.fitsync.domain.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.FieldError;

/** A device's record of the night attributed to {@code date}. */
public record SleepReading(LocalDate date, SleepRecord record) {

    public SleepReading {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(record, "record");
        FieldError.requireNone(check(date, record.start(), record.end(), record.totalMin(), record.stages()));
    }

    public static List<FieldError> check(LocalDate date, Instant start, Instant end, int totalMin, SleepStages stages) {
        List<FieldError> violations = new ArrayList<>();
        DailyLimits.checkDate("date", date).ifPresent(violations::add);
        violations.addAll(SleepRecord.check(Optional.of(date), start, end, totalMin, stages));
        return violations;
    }
}

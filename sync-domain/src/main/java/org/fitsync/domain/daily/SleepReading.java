package org.fitsync.domain.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A device's record of the night attributed to {@code date}. */
public record SleepReading(LocalDate date, SleepRecord record) {

    public SleepReading {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(record, "record");
        Violation.requireNone(check(date, record.start(), record.end(), record.totalMin(), record.stages()));
    }

    public static List<Violation> check(LocalDate date, Instant start, Instant end, int totalMin, SleepStages stages) {
        List<Violation> violations = new ArrayList<>();
        DailyLimits.checkDate("date", date).ifPresent(violations::add);
        violations.addAll(SleepRecord.check(Optional.of(date), start, end, totalMin, stages));
        return violations;
    }
}

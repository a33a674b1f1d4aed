package org.fitsync.domain.daily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fitsync.domain.FieldError;

/** A device's step count for one day. */
public record StepsReading(LocalDate date, int steps) {

    public StepsReading {
        Objects.requireNonNull(date, "date");
        FieldError.requireNone(check(date, steps));
    }

    public static List<FieldError> check(LocalDate date, int steps) {
        List<FieldError> violations = new ArrayList<>();
        DailyLimits.checkDate("date", date).ifPresent(violations::add);
        DailyLimits.checkRange("steps", steps, 0, DailyLimits.MAX_STEPS).ifPresent(violations::add);
        return violations;
    }
}

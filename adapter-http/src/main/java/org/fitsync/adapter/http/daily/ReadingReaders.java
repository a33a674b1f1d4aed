package org.fitsync.adapter.http.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.fitsync.domain.daily.StepsReading;

/** Reads one batch item: first the JSON types, then the domain's rules for the values. */
final class ReadingReaders {

    private ReadingReaders() {}

    static Optional<StepsReading> steps(ItemFields fields) {
        Optional<LocalDate> date = fields.requiredDate("date");
        Optional<Integer> steps = fields.requiredInt("steps");
        if (date.isEmpty() || steps.isEmpty()) {
            return Optional.empty();
        }
        List<FieldError> violations = StepsReading.check(date.get(), steps.get());
        fields.add(violations);
        return violations.isEmpty() ? Optional.of(new StepsReading(date.get(), steps.get())) : Optional.empty();
    }

    static Optional<SleepReading> sleep(ItemFields fields) {
        Optional<LocalDate> date = fields.requiredDate("date");
        Optional<Instant> start = fields.requiredInstant("start");
        Optional<Instant> end = fields.requiredInstant("end");
        Optional<Integer> total = fields.requiredInt("total_min");
        SleepStages stages = new SleepStages(
                fields.optionalInt("deep_min"),
                fields.optionalInt("light_min"),
                fields.optionalInt("rem_min"),
                fields.optionalInt("awake_min"));
        if (!fields.valid() || date.isEmpty() || start.isEmpty() || end.isEmpty() || total.isEmpty()) {
            return Optional.empty();
        }
        List<FieldError> violations = SleepReading.check(date.get(), start.get(), end.get(), total.get(), stages);
        fields.add(violations);
        if (!violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SleepReading(date.get(), new SleepRecord(start.get(), end.get(), total.get(), stages)));
    }
}

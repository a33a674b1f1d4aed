package org.fitsync.domain.daily;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fitsync.domain.FieldError;

/** A manual change to a day's values, field by field. */
public record ManualEdit(
        FieldEdit<Integer> steps,
        FieldEdit<Integer> sleepMin,
        FieldEdit<Integer> sleepQuality,
        FieldEdit<String> notes) {

    public ManualEdit {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(sleepMin, "sleepMin");
        Objects.requireNonNull(sleepQuality, "sleepQuality");
        Objects.requireNonNull(notes, "notes");
        FieldError.requireNone(check(steps, sleepMin, sleepQuality, notes));
    }

    public static List<FieldError> check(
            FieldEdit<Integer> steps,
            FieldEdit<Integer> sleepMin,
            FieldEdit<Integer> sleepQuality,
            FieldEdit<String> notes) {
        List<FieldError> violations = new ArrayList<>();
        checkInt("steps", steps, 0, DailyLimits.MAX_STEPS, violations);
        checkInt("sleep_min", sleepMin, 0, DailyLimits.MINUTES_PER_DAY, violations);
        checkInt("sleep_quality", sleepQuality, DailyLimits.MIN_QUALITY, DailyLimits.MAX_QUALITY, violations);
        if (notes instanceof FieldEdit.SetTo<String> set) {
            if (set.value().length() > DailyLimits.MAX_NOTES_LENGTH) {
                violations.add(
                        new FieldError("notes", "must be at most " + DailyLimits.MAX_NOTES_LENGTH + " characters"));
            } else if (set.value().indexOf('\0') >= 0) {
                // No text store keeps NUL characters faithfully; refusing beats silently dropping them.
                violations.add(new FieldError("notes", "must not contain NUL characters"));
            }
        }
        return violations;
    }

    private static void checkInt(String field, FieldEdit<Integer> edit, int min, int max, List<FieldError> out) {
        if (edit instanceof FieldEdit.SetTo<Integer> set) {
            DailyLimits.checkRange(field, set.value(), min, max).ifPresent(out::add);
        }
    }
}

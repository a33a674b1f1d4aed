package org.fitsync.domain.daily;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fitsync.domain.FieldError;

/** The bounds a daily value must respect, shared by ingestion and manual entries. */
public final class DailyLimits {

    public static final int MAX_STEPS = 200_000;
    public static final int MINUTES_PER_DAY = 24 * 60;
    public static final int MIN_QUALITY = 1;
    public static final int MAX_QUALITY = 5;
    public static final int MAX_NOTES_LENGTH = 10_000;
    public static final int MAX_BATCH_ITEMS = 1_000;
    /** Entries outside these years are typos or garbage, not history; the bounds also keep dates storable. */
    public static final int MIN_YEAR = 1900;

    public static final int MAX_YEAR = 2100;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private DailyLimits() {}

    /** A real calendar date written {@code YYYY-MM-DD} (so {@code 2026-02-30} is not one). */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return isInRange(date) ? Optional.of(date) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean isInRange(LocalDate date) {
        return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }

    static Optional<FieldError> checkDate(String field, LocalDate date) {
        return isInRange(date)
                ? Optional.empty()
                : Optional.of(new FieldError(field, "must be a date between " + MIN_YEAR + " and " + MAX_YEAR));
    }

    static Optional<FieldError> checkRange(String field, int value, int min, int max) {
        return value >= min && value <= max
                ? Optional.empty()
                : Optional.of(new FieldError(field, "must be between " + min + " and " + max));
    }
}

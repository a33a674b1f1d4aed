package org.fitsync.adapter.http.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.DailyLimits;

/**
 * Reads typed fields out of one JSON object and collects what is wrong with them, so a request (or
 * a batch item) reports every bad field at once instead of the first one.
 */
final class ItemFields {

    private final JsonNode object;
    private final List<FieldError> errors = new ArrayList<>();

    ItemFields(JsonNode object) {
        this.object = object;
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    boolean valid() {
        return errors.isEmpty();
    }

    void add(List<FieldError> violations) {
        violations.forEach(v -> errors.add(new FieldError(v.field(), v.message())));
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean has(String field) {
        return object.has(field);
    }

    boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }

    Optional<Integer> requiredInt(String field) {
        if (!present(field)) {
            fail(field, "is required");
            return Optional.empty();
        }
        return integer(field);
    }

    /** An integer that may be absent or {@code null}. */
    Optional<Integer> optionalInt(String field) {
        return present(field) ? integer(field) : Optional.empty();
    }

    Optional<String> optionalText(String field) {
        if (!present(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        if (!node.isTextual()) {
            fail(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    Optional<LocalDate> requiredDate(String field) {
        Optional<String> text = requiredText(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> date = DailyLimits.parseDate(text.get());
        if (date.isEmpty()) {
            fail(
                    field,
                    "must be a calendar date YYYY-MM-DD between " + DailyLimits.MIN_YEAR + " and "
                            + DailyLimits.MAX_YEAR);
        }
        return date;
    }

    Optional<Instant> requiredInstant(String field) {
        Optional<String> text = requiredText(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException e) {
            fail(field, "must be an RFC 3339 timestamp");
            return Optional.empty();
        }
    }

    private Optional<String> requiredText(String field) {
        if (!present(field)) {
            fail(field, "is required");
            return Optional.empty();
        }
        return optionalText(field);
    }

    private boolean present(String field) {
        return object.has(field) && !object.get(field).isNull();
    }

    private Optional<Integer> integer(String field) {
        JsonNode node = object.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            fail(field, "must be an integer");
            return Optional.empty();
        }
        return Optional.of(node.intValue());
    }
}

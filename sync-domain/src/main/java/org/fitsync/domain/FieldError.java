package org.fitsync.domain;

import java.util.List;

/**
 * One rule an input broke: the field, named as the client named it (a JSON member or path such as
 * {@code ended_at}, {@code track[12]} or {@code changes.workouts.created[3].id}), and what is wrong with it.
 */
public record FieldError(String field, String message) {

    /** For constructors that must not build an invalid value: the first error, as a bug. */
    public static void requireNone(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    errors.get(0).field() + ": " + errors.get(0).message());
        }
    }
}

package org.fitsync.domain.run;

import java.util.List;
import org.fitsync.domain.FieldError;

/** The outcome of checking a {@link RunDraft}: a storable run, or every reason it is not one. */
public sealed interface ValidationResult {

    record Valid(NewRun run) implements ValidationResult {}

    record Invalid(List<FieldError> errors) implements ValidationResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result names at least one field");
            }
        }
    }
}

package org.fitsync.client;

import java.util.List;
import java.util.UUID;
import org.fitsync.domain.FieldError;

/** Recording a run: stored locally and queued, or refused with every broken rule (nothing stored). */
public sealed interface RecordRunOutcome {

    record Recorded(UUID id) implements RecordRunOutcome {}

    record Invalid(List<FieldError> errors) implements RecordRunOutcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}

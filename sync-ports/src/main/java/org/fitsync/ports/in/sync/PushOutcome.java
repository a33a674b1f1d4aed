package org.fitsync.ports.in.sync;

import java.util.List;
import java.util.Map;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.sync.RecordId;

/** What became of a push. */
public sealed interface PushOutcome {

    /** Applied: the cursor after this push, the conflicts it settled and the updates it refused. */
    record Pushed(long timestamp, List<Conflict> conflicts, Map<String, List<RecordId>> rejectedIds)
            implements PushOutcome {
        public Pushed {
            conflicts = List.copyOf(conflicts);
            rejectedIds = Map.copyOf(rejectedIds);
        }
    }

    /** Nothing applied: the push names an unknown collection, a malformed id or a bad cursor. */
    record Invalid(List<FieldError> violations) implements PushOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}

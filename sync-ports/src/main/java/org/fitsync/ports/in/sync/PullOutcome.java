package org.fitsync.ports.in.sync;

import java.util.List;
import org.fitsync.domain.FieldError;

/** What became of a pull: streamed into the sink, or refused before anything was written to it. */
public sealed interface PullOutcome {

    record Pulled(PullMode mode, long timestamp, boolean hasMore) implements PullOutcome {}

    record Invalid(List<FieldError> violations) implements PullOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}

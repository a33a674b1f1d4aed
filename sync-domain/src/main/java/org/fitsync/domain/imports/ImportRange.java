package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.Optional;

/** The activities an import asks for: started after {@code after} and before {@code before}, each optional. */
public record ImportRange(Optional<Instant> after, Optional<Instant> before) {

    public static final ImportRange WHOLE_HISTORY = new ImportRange(Optional.empty(), Optional.empty());

    public ImportRange {
        if (after.isPresent() && before.isPresent() && !after.get().isBefore(before.get())) {
            throw new IllegalArgumentException("after must be earlier than before");
        }
    }
}

package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportRange;

/** Import the user's history (or a range of it) from one of {@link StartImportUseCase#PROVIDERS}. */
public record StartImportCommand(UserId user, String provider, ImportRange range) {
    public StartImportCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(range, "range");
        if (!StartImportUseCase.PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown provider: " + provider);
        }
    }
}

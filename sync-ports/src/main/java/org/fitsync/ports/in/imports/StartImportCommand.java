package org.fitsync.ports.in.imports;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.imports.ImportRange;

/**
 * Import the user's history (or a range of it) from one of {@link StartImportUseCase#PROVIDERS}: the
 * Strava API, or ({@link StartImportUseCase#STRAVA_ARCHIVE}) the Strava account export in {@code file}.
 */
public record StartImportCommand(UserId user, String provider, ImportRange range, Optional<FileId> file) {
    public StartImportCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(file, "file");
        if (!StartImportUseCase.PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown provider: " + provider);
        }
        if (StartImportUseCase.STRAVA_ARCHIVE.equals(provider) != file.isPresent()) {
            throw new IllegalArgumentException("an archive import, and only it, names a file");
        }
    }

    public StartImportCommand(UserId user, String provider, ImportRange range) {
        this(user, provider, range, Optional.empty());
    }
}

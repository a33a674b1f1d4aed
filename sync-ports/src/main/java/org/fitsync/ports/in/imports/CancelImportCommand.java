package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;

/** The user cancels one of their imports. */
public record CancelImportCommand(UserId user, ImportId id) {
    public CancelImportCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

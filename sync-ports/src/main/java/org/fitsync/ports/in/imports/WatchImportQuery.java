package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;

/** One of the user's imports, to follow live. */
public record WatchImportQuery(UserId user, ImportId id) {
    public WatchImportQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

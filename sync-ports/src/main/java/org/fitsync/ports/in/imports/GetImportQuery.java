package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;

/** One of the user's imports, by id. */
public record GetImportQuery(UserId user, ImportId id) {
    public GetImportQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

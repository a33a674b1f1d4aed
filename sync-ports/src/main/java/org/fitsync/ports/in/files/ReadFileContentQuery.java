package org.fitsync.ports.in.files;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/** The original bytes of one of the user's files. */
public record ReadFileContentQuery(UserId user, FileId id) {
    public ReadFileContentQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

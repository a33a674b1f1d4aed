package org.fitsync.ports.in.files;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/** One of the user's files, by id. */
public record GetFileQuery(UserId user, FileId id) {
    public GetFileQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

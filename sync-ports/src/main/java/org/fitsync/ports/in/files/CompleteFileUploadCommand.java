package org.fitsync.ports.in.files;

import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/** The client says it has put the file's bytes at the upload URL. */
public record CompleteFileUploadCommand(UserId user, FileId id) {
    public CompleteFileUploadCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

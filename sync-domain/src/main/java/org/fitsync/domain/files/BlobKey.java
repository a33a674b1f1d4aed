package org.fitsync.domain.files;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** The name of one stored file's bytes: its user and its id, so storage is partitioned by user too. */
public record BlobKey(UserId user, FileId id) {

    public BlobKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

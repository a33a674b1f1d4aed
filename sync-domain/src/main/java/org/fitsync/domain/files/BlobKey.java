package org.fitsync.domain.files;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;

/**
 * The name of one stored blob: its user, its id and its kind, so storage is partitioned by user too
 * and an account export's zip never shares a name with an activity file (whose ids clients choose).
 */
public record BlobKey(UserId user, FileId id, Kind kind) {

    /** What a blob holds; each kind has its own namespace in the store. */
    public enum Kind {
        ACTIVITY_FILE,
        ACCOUNT_EXPORT
    }

    public BlobKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /** An activity file's bytes. */
    public BlobKey(UserId user, FileId id) {
        this(user, id, Kind.ACTIVITY_FILE);
    }

    /** An account export's zip. */
    public static BlobKey export(UserId user, UUID exportId) {
        return new BlobKey(user, new FileId(exportId), Kind.ACCOUNT_EXPORT);
    }
}

package org.fitsync.ports.out.files;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;

/** Reads the user's files. */
public interface LoadFilePort {

    Optional<ActivityFile> load(UserId user, FileId id);

    /** The run made of the same bytes from another of the user's files, if one was imported. */
    Optional<UUID> runOfSameBytes(UserId user, Sha256 sha256, FileId other);
}

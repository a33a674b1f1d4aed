package org.fitsync.ports.out.files;

import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/** Moves a file whose verified bytes are stored from {@code awaiting_upload} to {@code processing}. */
public interface MarkFileUploadedPort {

    /** False when the file is gone (swept) or not awaiting its bytes any more. */
    boolean markUploaded(UserId user, FileId id);
}

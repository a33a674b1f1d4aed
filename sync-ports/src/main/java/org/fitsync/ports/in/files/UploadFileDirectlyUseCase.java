package org.fitsync.ports.in.files;

import org.fitsync.domain.files.ActivityFile;

/** A file uploaded in one request; it is queued for processing at once. */
public interface UploadFileDirectlyUseCase {

    DirectOutcome upload(UploadFileDirectlyCommand command);

    /** What became of a direct upload. */
    sealed interface DirectOutcome {

        record Stored(ActivityFile file) implements DirectOutcome {}

        /** More bytes than the limit arrived; nothing kept. */
        record TooLarge(long maxBytes) implements DirectOutcome {}

        /** No bytes arrived. */
        record Empty() implements DirectOutcome {}
    }
}

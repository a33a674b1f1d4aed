package org.fitsync.ports.in.files;

import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.UploadTarget;

/** A client announces an activity file and gets where to upload its bytes. */
public interface DeclareFileUseCase {

    DeclareOutcome declare(DeclareFileCommand command);

    /** What became of a declaration. */
    sealed interface DeclareOutcome {

        /** A new file, waiting for its bytes at {@code upload}. */
        record Created(ActivityFile file, UploadTarget upload) implements DeclareOutcome {}

        /**
         * The same id with the same size and hash: the file as it is, with a fresh upload URL while it
         * still waits for its bytes.
         */
        record Existing(ActivityFile file, Optional<UploadTarget> upload) implements DeclareOutcome {}

        /** The id was declared before with another size or hash. */
        record ContentConflict(ActivityFile file) implements DeclareOutcome {}

        /** The declared size is over the server's limit. */
        record TooLarge(long maxBytes) implements DeclareOutcome {}
    }
}

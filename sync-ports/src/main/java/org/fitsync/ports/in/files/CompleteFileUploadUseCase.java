package org.fitsync.ports.in.files;

import org.fitsync.domain.files.ActivityFile;

/**
 * Completes an upload: required after a direct upload to an object store, whose bytes FitSync never
 * saw (they are verified in the store now), and accepted, idempotently, after any other.
 */
public interface CompleteFileUploadUseCase {

    CompleteOutcome complete(CompleteFileUploadCommand command);

    /** What became of a completion. */
    sealed interface CompleteOutcome {

        /** The bytes are there and verified: the file is processing, or already finished. */
        record Accepted(ActivityFile file) implements CompleteOutcome {}

        /** Nothing was uploaded yet. */
        record NotUploaded(ActivityFile file) implements CompleteOutcome {}

        /** What was uploaded differs from the declaration; it was removed, the file still waits. */
        record Mismatch(String detail) implements CompleteOutcome {}

        /** Not one of the user's files. */
        record NotFound() implements CompleteOutcome {}
    }
}

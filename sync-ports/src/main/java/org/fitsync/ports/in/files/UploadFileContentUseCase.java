package org.fitsync.ports.in.files;

import org.fitsync.domain.files.ActivityFile;

/** Receives a file's bytes at FitSync's own signed upload endpoint, verified against the declaration. */
public interface UploadFileContentUseCase {

    UploadOutcome upload(UploadFileContentCommand command);

    /** What became of an upload. Only {@link Stored} and {@link AlreadyStored} kept anything. */
    sealed interface UploadOutcome {

        /** Verified and kept; the file is queued for processing. */
        record Stored(ActivityFile file) implements UploadOutcome {}

        /** The file had these very bytes already: nothing changed. */
        record AlreadyStored(ActivityFile file) implements UploadOutcome {}

        /** The signature is forged, made for another file or user, or expired. */
        record Forbidden(String detail) implements UploadOutcome {}

        /** No such file (never declared, or swept as unfinished). */
        record NotFound() implements UploadOutcome {}

        /** The bytes' size or hash differ from the declaration. */
        record Mismatch(String detail) implements UploadOutcome {}
    }
}

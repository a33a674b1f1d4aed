package org.fitsync.client;

import java.util.List;
import java.util.UUID;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.domain.FieldError;

/** Queueing an activity file: copied and queued under a new file id, or refused (nothing kept). */
public sealed interface UploadFileOutcome {

    /** The file's id (its idempotency key on the server), size and SHA-256, as they will be declared. */
    record Queued(FileDeclaration file) implements UploadFileOutcome {
        public UUID id() {
            return file.id();
        }
    }

    record Invalid(List<FieldError> errors) implements UploadFileOutcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}

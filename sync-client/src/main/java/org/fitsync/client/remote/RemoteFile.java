package org.fitsync.client.remote;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.files.UploadTarget;

/**
 * The file resource as the server answered it: its {@code state} ({@code awaiting_upload},
 * {@code processing}, {@code imported}, {@code duplicate}, {@code skipped}, {@code failed}), where to put
 * its bytes while it awaits them, the run made of it, and why it was skipped or failed.
 */
public record RemoteFile(
        UUID id, String state, Optional<UploadTarget> upload, Optional<UUID> runId, Optional<String> detail) {

    public RemoteFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(detail, "detail");
    }
}

package org.fitsync.client;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.ItemFailure;

/**
 * Where a queued activity file is: still in this device's outbox ({@code QUEUED}, or {@code NOT_SENT}
 * with the outbox's failure), or on the server ({@code PROCESSING}, then {@code IMPORTED} or
 * {@code DUPLICATE} with {@code runId}, {@code SKIPPED} or {@code FAILED} with {@code detail});
 * {@code UNKNOWN} when neither this device nor the server has it, or the server could not be asked
 * ({@code detail} says why).
 */
public record FileStatus(State state, Optional<UUID> runId, Optional<String> detail, Optional<ItemFailure> failure) {

    public enum State {
        QUEUED,
        NOT_SENT,
        AWAITING_UPLOAD,
        PROCESSING,
        IMPORTED,
        DUPLICATE,
        SKIPPED,
        FAILED,
        UNKNOWN
    }

    public FileStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(failure, "failure");
    }

    static FileStatus of(State state) {
        return new FileStatus(state, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static FileStatus unknown(String why) {
        return new FileStatus(State.UNKNOWN, Optional.empty(), Optional.of(why), Optional.empty());
    }
}

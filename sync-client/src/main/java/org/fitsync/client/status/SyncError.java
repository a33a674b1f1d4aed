package org.fitsync.client.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last failure of a sync, worded for a person, with the HTTP status and problem type when the
 * server answered, and when the next automatic attempt is due (empty while waiting for the app).
 */
public record SyncError(
        String message,
        Optional<Integer> status,
        Optional<String> problemType,
        Instant at,
        Optional<Instant> nextAttemptAt) {

    public SyncError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problemType, "problemType");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
}

package org.fitsync.domain.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobKey;

/**
 * One account export job: its progress counts runs ({@code runsTotal} is known once a worker has
 * counted them), {@code attempts} counts the claims of it, and a finished export names the size of
 * the zip kept in the blob store.
 */
public record AccountExport(
        ExportId id,
        UserId user,
        ExportState state,
        int runsDone,
        int runsTotal,
        OptionalLong sizeBytes,
        Optional<String> error,
        int attempts,
        Instant createdAt,
        Optional<Instant> finishedAt) {

    public AccountExport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sizeBytes, "sizeBytes");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (runsDone < 0 || runsTotal < 0) {
            throw new IllegalArgumentException("run counts cannot be negative");
        }
    }

    /** A new job, waiting for a worker. */
    public static AccountExport queued(ExportId id, UserId user, Instant now) {
        return new AccountExport(
                id, user, ExportState.QUEUED, 0, 0, OptionalLong.empty(), Optional.empty(), 0, now, Optional.empty());
    }

    /** Whether this claim is one more than a job may have: it failed (or killed its node) each time before. */
    public boolean attemptsExceeded(int maxAttempts) {
        return attempts > maxAttempts;
    }

    /** Where the finished zip is kept: beside the user's files, in a namespace of its own. */
    public BlobKey blobKey() {
        return BlobKey.export(user, id.value());
    }
}

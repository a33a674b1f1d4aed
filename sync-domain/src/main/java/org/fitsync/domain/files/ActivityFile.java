package org.fitsync.domain.files;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;

/**
 * One activity file a user handed FitSync: what the client declared ({@code filename}, {@code size},
 * {@code sha256}), the format its name announces, and where processing stands. {@code runId} names the
 * run it became ({@code imported}) or the run of the same bytes uploaded before ({@code duplicate});
 * {@code reason} says why it was {@code skipped}; {@code error} why it {@code failed}.
 */
public record ActivityFile(
        UserId user,
        FileId id,
        String filename,
        long size,
        Sha256 sha256,
        FileFormat format,
        Optional<String> contentType,
        FileState state,
        Optional<UUID> runId,
        Optional<String> reason,
        Optional<FileError> error,
        Instant createdAt) {

    public ActivityFile {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(state, "state");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /** A file just declared, waiting for its bytes. */
    public static ActivityFile declared(
            UserId user,
            FileId id,
            String filename,
            long size,
            Sha256 sha256,
            FileFormat format,
            Optional<String> contentType,
            Instant now) {
        return new ActivityFile(
                user,
                id,
                filename,
                size,
                sha256,
                format,
                contentType,
                FileState.AWAITING_UPLOAD,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                now);
    }

    /** Whether {@code size} and {@code sha256} are what this file was declared with. */
    public boolean sameContent(long otherSize, Sha256 otherSha256) {
        return size == otherSize && sha256.equals(otherSha256);
    }

    @Override
    public String toString() {
        // The filename is personal: it stays out of logs.
        return "ActivityFile[id=" + id + ", format=" + format.wireName() + ", size=" + size + ", state="
                + state.wireName() + "]";
    }
}

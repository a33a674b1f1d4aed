package org.fitsync.ports.in.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;

/**
 * Announce a file the client is about to upload: {@code id} is the client's idempotency key,
 * {@code size} and {@code sha256} what the bytes will be checked against. The server's size limit is
 * the service's to check (it is configuration).
 */
public record DeclareFileCommand(
        UserId user, FileId id, String filename, long size, Sha256 sha256, Optional<String> contentType) {

    public static final int MAX_CONTENT_TYPE_CHARS = 255;

    public DeclareFileCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        FieldError.requireNone(check(filename, size, sha256.hex(), contentType));
    }

    /** Every problem of these values, each naming its JSON field, so a client fixes all in one go. */
    public static List<FieldError> check(String filename, long size, String sha256, Optional<String> contentType) {
        List<FieldError> errors = new ArrayList<>(FileNames.check("filename", filename));
        if (size < 1) {
            errors.add(new FieldError("size", "must be at least 1 byte"));
        }
        if (!Sha256.isValid(sha256)) {
            errors.add(new FieldError("sha256", "must be 64 hex digits"));
        }
        contentType
                .filter(t -> t.isEmpty()
                        || t.length() > MAX_CONTENT_TYPE_CHARS
                        || t.chars().anyMatch(Character::isISOControl))
                .ifPresent(t -> errors.add(new FieldError(
                        "content_type",
                        "must be 1.." + MAX_CONTENT_TYPE_CHARS + " characters, no control characters")));
        return errors;
    }

    public FileFormat format() {
        return FileNames.format(filename).orElseThrow();
    }
}

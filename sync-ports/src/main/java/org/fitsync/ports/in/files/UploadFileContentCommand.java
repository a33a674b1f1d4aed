package org.fitsync.ports.in.files;

import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/**
 * The bytes of a declared file, sent to a signed upload URL: {@code user}, {@code expiresAt} and
 * {@code signature} are the URL's, unchecked until the use case checks them; {@code bytes} is read once.
 */
public record UploadFileContentCommand(UserId user, FileId id, Instant expiresAt, String signature, InputStream bytes) {

    public UploadFileContentCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(bytes, "bytes");
    }
}

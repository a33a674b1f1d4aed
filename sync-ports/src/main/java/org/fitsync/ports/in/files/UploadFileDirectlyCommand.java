package org.fitsync.ports.in.files;

import java.io.InputStream;
import java.util.Objects;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileFormat;

/**
 * A file sent in one request, for curl and scripts: no declaration, its size and hash are what arrive.
 * {@code maxBytes} is the request's own limit (the server's body limit), which may be below the file
 * limit.
 */
public record UploadFileDirectlyCommand(UserId user, String filename, InputStream bytes, long maxBytes) {

    public UploadFileDirectlyCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(bytes, "bytes");
        FieldError.requireNone(FileNames.check("filename", filename));
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    public FileFormat format() {
        return FileNames.format(filename).orElseThrow();
    }
}

package org.fitsync.client.remote;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.files.Sha256;

/**
 * What {@code POST /api/v1/files} declares: the client's file id (the idempotency key), the file's name,
 * and the size and SHA-256 of the bytes the client keeps for it.
 */
public record FileDeclaration(UUID id, String filename, long size, Sha256 sha256) {

    public FileDeclaration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 1) {
            throw new IllegalArgumentException("a file has at least one byte");
        }
    }
}

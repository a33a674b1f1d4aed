package org.fitsync.domain.files;

import java.util.Objects;

/** What a store holds for a key: how many bytes and their SHA-256. */
public record BlobFacts(long size, Sha256 sha256) {

    public BlobFacts {
        Objects.requireNonNull(sha256, "sha256");
    }
}

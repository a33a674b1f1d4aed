package org.fitsync.domain.files;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a client sends a file's bytes: a URL signed for that one object and valid until
 * {@code expiresAt}, the HTTP method, and headers the client must send with it (an object store may
 * bind the declared checksum and length into the signature this way).
 */
public record UploadTarget(URI url, String method, Map<String, String> headers, Instant expiresAt) {

    public UploadTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // The URL is a credential until it expires: it stays out of logs.
        return "UploadTarget[method=" + method + ", expiresAt=" + expiresAt + "]";
    }
}

package org.fitsync.domain.files;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identity of one activity file: chosen by the client, so that declaring it again is idempotent. */
public record FileId(UUID value) {

    public FileId {
        Objects.requireNonNull(value, "value");
    }

    public static FileId random() {
        return new FileId(UUID.randomUUID());
    }

    /** Parses a client-supplied id; anything that is not a UUID is simply not a file. */
    public static Optional<FileId> parse(String raw) {
        try {
            return Optional.of(new FileId(UUID.fromString(raw)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

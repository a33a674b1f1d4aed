package org.fitsync.domain.account;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identity of one account export job. */
public record ExportId(UUID value) {

    public ExportId {
        Objects.requireNonNull(value, "value");
    }

    public static ExportId random() {
        return new ExportId(UUID.randomUUID());
    }

    /** Parses a client-supplied id; anything that is not a UUID is simply not an export. */
    public static Optional<ExportId> parse(String raw) {
        try {
            return Optional.of(new ExportId(UUID.fromString(raw)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

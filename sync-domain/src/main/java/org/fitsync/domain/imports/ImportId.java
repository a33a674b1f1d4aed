package org.fitsync.domain.imports;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identity of one import job. */
public record ImportId(UUID value) {

    public ImportId {
        Objects.requireNonNull(value, "value");
    }

    public static ImportId random() {
        return new ImportId(UUID.randomUUID());
    }

    /** Parses a client-supplied id; anything that is not a UUID is simply not an import. */
    public static Optional<ImportId> parse(String raw) {
        try {
            return Optional.of(new ImportId(UUID.fromString(raw)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

package org.fitsync.domain.files;

import java.util.Objects;

/** Why a file could not be made into a run: a stable machine-readable type and a detail for a person. */
public record FileError(String type, String detail) {

    public FileError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }
}

package org.fitsync.domain.imports;

import java.util.Objects;

/** Why an import failed: a stable machine-readable type and a human detail. */
public record ImportError(String type, String detail) {

    public ImportError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }
}

package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** The user's imports. */
public record ListImportsQuery(UserId user) {
    public ListImportsQuery {
        Objects.requireNonNull(user, "user");
    }
}

package org.fitsync.ports.in.run;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** One of the user's runs, by id. */
public record GetRunQuery(UserId user, UUID id) {
    public GetRunQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

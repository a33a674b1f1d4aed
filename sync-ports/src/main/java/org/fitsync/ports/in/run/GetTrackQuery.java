package org.fitsync.ports.in.run;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** The raw track of one of the user's runs, by id. */
public record GetTrackQuery(UserId user, UUID id) {
    public GetTrackQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

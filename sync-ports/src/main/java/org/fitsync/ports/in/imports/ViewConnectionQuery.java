package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** The user asks whether they are connected to Strava. */
public record ViewConnectionQuery(UserId user) {
    public ViewConnectionQuery {
        Objects.requireNonNull(user, "user");
    }
}

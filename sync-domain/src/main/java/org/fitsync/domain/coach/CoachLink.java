package org.fitsync.domain.coach;

import java.time.Instant;
import java.util.Objects;
import org.fitsync.domain.UserId;

/** A coach's standing permission to read and correct one client's data. */
public record CoachLink(UserId coach, UserId client, Instant linkedAt) {

    public CoachLink {
        Objects.requireNonNull(coach, "coach");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }
}

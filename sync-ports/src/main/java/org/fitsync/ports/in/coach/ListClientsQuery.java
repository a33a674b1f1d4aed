package org.fitsync.ports.in.coach;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** A coach's own list of clients. */
public record ListClientsQuery(UserId coach) {
    public ListClientsQuery {
        Objects.requireNonNull(coach, "coach");
    }
}

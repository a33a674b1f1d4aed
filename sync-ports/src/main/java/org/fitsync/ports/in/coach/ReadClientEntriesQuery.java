package org.fitsync.ports.in.coach;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;

/** A coach's read of a client's days from {@code from} to {@code to}, both inclusive; an absent bound is open. */
public record ReadClientEntriesQuery(UserId coach, UserId client, Optional<LocalDate> from, Optional<LocalDate> to) {
    public ReadClientEntriesQuery {
        Objects.requireNonNull(coach, "coach");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}

package org.fitsync.ports.in.daily;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;

/** A user's days from {@code from} to {@code to}, both inclusive; an absent bound is open. */
public record ListDailyEntriesQuery(UserId user, Optional<LocalDate> from, Optional<LocalDate> to) {

    public ListDailyEntriesQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}

package org.fitsync.ports.in.run;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.StatsPeriod;

/**
 * Totals per {@code period} of the user's canonical runs whose start, as a local date in {@code zone},
 * is in {@code [from, to]} (both inclusive, either open).
 */
public record RunStatsQuery(
        UserId user, StatsPeriod period, ZoneId zone, Optional<LocalDate> from, Optional<LocalDate> to) {

    public RunStatsQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}

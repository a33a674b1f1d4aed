package org.fitsync.domain.run;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The totals of a user's canonical runs that started in one period (local time in the asked zone):
 * how many, their distance, moving time and elevation gain (runs without a known gain add none), and
 * the longest of them.
 */
public record PeriodTotals(
        LocalDate start,
        long count,
        double distanceM,
        long movingTimeS,
        double elevationGainM,
        double longestRunM,
        UUID longestRunId) {

    public PeriodTotals {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(longestRunId, "longestRunId");
        if (count < 1) {
            throw new IllegalArgumentException("a period with totals has at least one run");
        }
    }
}

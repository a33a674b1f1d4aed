package org.fitsync.ports.out.run;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PeriodTotals;
import org.fitsync.domain.run.StatsPeriod;

/** Sums the user's live, canonical (not overlapping) runs per period. */
public interface SumRunsPort {

    /**
     * The totals of the runs whose {@code started_at} is in {@code [from, to)}, grouped by the period
     * their start falls in as a local time in {@code zone}; periods without runs are left out, the
     * others come oldest first.
     */
    List<PeriodTotals> sumRuns(
            UserId user, StatsPeriod period, ZoneId zone, Optional<Instant> from, Optional<Instant> to);
}

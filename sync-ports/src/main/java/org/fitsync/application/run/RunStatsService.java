package org.fitsync.application.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.run.PeriodTotals;
import org.fitsync.ports.in.run.GetRunStatsUseCase;
import org.fitsync.ports.in.run.RunStatsQuery;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.SumRunsPort;

/** Run totals per period, read on one snapshot so the periods agree with each other. */
public final class RunStatsService implements GetRunStatsUseCase {

    private final TransactionPort transactions;
    private final SumRunsPort sums;

    public RunStatsService(TransactionPort transactions, SumRunsPort sums) {
        this.transactions = transactions;
        this.sums = sums;
    }

    @Override
    public List<PeriodTotals> stats(RunStatsQuery query) {
        // Local dates become instants here, by the JDK's zone rules, so the store filters on the
        // started_at index with plain comparisons.
        Optional<Instant> from = query.from().map(date -> startOf(date, query.zone()));
        Optional<Instant> to = query.to().map(date -> startOf(date.plusDays(1), query.zone()));
        return transactions.inUserSnapshot(
                query.user(), () -> sums.sumRuns(query.user(), query.period(), query.zone(), from, to));
    }

    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }
}

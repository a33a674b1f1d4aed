package org.fitsync.ports.in.run;

import java.util.List;
import org.fitsync.domain.run.PeriodTotals;

/** A runner's totals by week, month or year: the periods with runs, oldest first. */
public interface GetRunStatsUseCase {

    List<PeriodTotals> stats(RunStatsQuery query);
}

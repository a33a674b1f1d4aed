package org.fitsync.ports.in.daily;

import java.util.List;
import org.fitsync.domain.daily.DailyEntry;

/** A user's history of days, oldest first, read from one consistent snapshot. */
public interface ListDailyEntriesUseCase {

    List<DailyEntry> list(ListDailyEntriesQuery query);
}

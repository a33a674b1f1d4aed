package org.fitsync.ports.out.daily;

import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;

/** Stores a day (and its sleep records), stamping what it changes with the transaction's version. */
public interface SaveDailyEntryPort {

    void saveDay(UserId user, DailyEntry entry, long version);
}

package org.fitsync.ports.out.daily;

import java.time.LocalDate;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;

/** Stores a day (and its sleep records), stamping what it changes with the transaction's version. */
public interface SaveDailyEntryPort {

    void saveDay(UserId user, DailyEntry entry, long version);

    /** Soft-deletes a live day (and drops its sleep records); returns whether there was one. */
    boolean deleteDay(UserId user, LocalDate date, long version);
}

package org.fitsync.ports.out.daily;

import java.time.LocalDate;
import java.util.Collection;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;

/** Stores days (and their sleep records), stamping what it changes with the transaction's version. */
public interface SaveDailyEntryPort {

    /** Stores the given days of one user in one round of statements, however many there are. */
    void saveDays(UserId user, Collection<DailyEntry> entries, long version);

    /** Soft-deletes a live day (and drops its sleep records); returns whether there was one. */
    boolean deleteDay(UserId user, LocalDate date, long version);
}

package org.fitsync.ports.out.daily;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;

/** Reads a user's live (not deleted) days, with their sleep records, inside the current transaction. */
public interface LoadDailyEntriesPort {

    /** The stored days among {@code dates}; a day never written is absent from the map. */
    Map<LocalDate, DailyEntry> loadDays(UserId user, Collection<LocalDate> dates);

    /** Days from {@code from} to {@code to} inclusive (open where absent), oldest first. */
    List<DailyEntry> loadRange(UserId user, Optional<LocalDate> from, Optional<LocalDate> to);
}

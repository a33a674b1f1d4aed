package org.fitsync.ports.in.coach;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.ManualEdit;

/**
 * A coach reads and corrects a linked client's days. The link is checked first; the read or write
 * then runs in a transaction scoped to the client, exactly as if the client had made it.
 */
public interface CoachClientEntriesUseCase {

    CoachAccess<List<DailyEntry>> entries(UserId coach, UserId client, Optional<LocalDate> from, Optional<LocalDate> to);

    /** A manual override that records the coach as its author. */
    CoachAccess<DailyEntry> correct(UserId coach, UserId client, LocalDate date, ManualEdit edit);
}

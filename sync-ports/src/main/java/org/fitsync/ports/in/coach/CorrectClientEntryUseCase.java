package org.fitsync.ports.in.coach;

import org.fitsync.domain.daily.DailyEntry;

/**
 * A coach corrects a linked client's day by hand: a manual override that records the coach as its
 * author, written in a transaction scoped to the client.
 */
public interface CorrectClientEntryUseCase {
    CoachAccess<DailyEntry> correct(CorrectClientEntryCommand command);
}

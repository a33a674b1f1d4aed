package org.fitsync.ports.out.daily;

import java.util.List;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntryChange;

/** Reads the days (live and deleted) stamped with a version above a cursor. */
public interface LoadDailyEntryChangesPort {

    List<DailyEntryChange> changedSince(UserId user, long afterVersion);
}

package org.fitsync.ports.in.coach;

import java.util.List;
import org.fitsync.domain.daily.DailyEntry;

/**
 * A coach reads a linked client's days. The link is checked first; the read then runs in a
 * snapshot scoped to the client, exactly as if the client had made it.
 */
public interface ReadClientEntriesUseCase {
    CoachAccess<List<DailyEntry>> entries(ReadClientEntriesQuery query);
}

package org.fitsync.ports.in.daily;

import java.util.List;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntryChange;

/** The sync engine's read of {@code daily_entries} for a pull. */
public interface ListDailyEntryChangesUseCase {

    /**
     * The days whose version is above {@code afterVersion}, ordered by version then date. Called
     * inside the pull's {@code inUserSnapshot} it reads that same snapshot, so the changes match the
     * cursor the pull hands out.
     */
    List<DailyEntryChange> changesSince(UserId user, long afterVersion);
}

package org.fitsync.ports.in.daily;

import java.time.LocalDate;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.ManualEdit;

/**
 * The sync engine's entry point for a {@code daily_entries} record a client pushed: whatever a
 * person changed on their device counts as manual. The sync engine maps the record's changed
 * columns to {@link ManualEdit} fields ({@code SetTo} for a value, {@code Clear} for null).
 */
public interface ApplyPushedEntryUseCase {

    /**
     * Must run inside the push's own transaction (the caller's {@code inUserTransaction}), which has
     * already claimed {@code version}; rows this changes are stamped with it. Returns the day as
     * stored afterwards.
     */
    DailyEntry applyPushed(UserId user, LocalDate date, ManualEdit edit, long version);

    /**
     * A client deleted the day: it leaves every read and becomes a tombstone stamped with
     * {@code version} (a later ingest or manual value starts the day afresh). Deleting a day that
     * is not stored does nothing. Same transaction rule as {@link #applyPushed}.
     */
    void deletePushed(UserId user, LocalDate date, long version);
}

package org.fitsync.ports.in.daily;

import java.util.Optional;
import org.fitsync.domain.daily.DailyEntry;

/**
 * The sync engine's entry point for a {@code daily_entries} record a client pushed: whatever a
 * person changed on their device counts as manual, and a pushed delete makes the day a tombstone
 * (deleting a day that is not stored does nothing).
 */
public interface ApplyPushedEntryUseCase {
    /**
     * Must run inside the push's own transaction (the caller's {@code inUserTransaction}), which has
     * already claimed the change's version; rows this changes are stamped with it. Returns the day as
     * stored afterwards, empty after a delete.
     */
    Optional<DailyEntry> apply(PushedEntryChange change);
}

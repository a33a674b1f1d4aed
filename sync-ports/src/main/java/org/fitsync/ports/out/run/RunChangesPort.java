package org.fitsync.ports.out.run;

import org.fitsync.domain.UserId;

/**
 * What changed in a user's runs after a sync cursor (a version): for the sync engine's pulls. Call it
 * inside {@link org.fitsync.ports.out.TransactionPort#inUserSnapshot}, in the same snapshot as the
 * read of the user's current version, so no change is missed or seen twice.
 */
public interface RunChangesPort {

    RunChanges runsChangedAfter(UserId user, long afterVersion);
}

package org.fitsync.ports.out.run;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.StoredRun;

/** Reads single runs of a user. */
public interface LoadRunPort {

    /** The live (not deleted) run. */
    Optional<StoredRun> loadRun(UserId user, UUID id);

    /** The live run imported from this Strava activity. */
    Optional<StoredRun> loadRunByStravaId(UserId user, String stravaId);

    /** Any run ever stored under this id, deleted ones included, for the idempotency decision. */
    Optional<RunIdentity> findIdentity(UserId user, UUID id);
}

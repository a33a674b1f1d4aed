package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.StoredRun;

/** What the Strava import needs beyond {@link SubmitRunUseCase}. */
public interface StravaRunsUseCase {

    /** The live run imported from this Strava activity, if any. */
    Optional<StoredRun> findByStravaId(UserId user, String stravaId);

    /**
     * Deletes every live run whose source is Strava (e.g. on disconnect) in one transaction, and
     * re-evaluates the flags of the runs they overlapped. Returns how many were deleted.
     */
    int deleteStravaRuns(UserId user);
}

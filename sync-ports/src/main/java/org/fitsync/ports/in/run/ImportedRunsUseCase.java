package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.StoredRun;

/**
 * The runs the imports feature stored from Strava, as the import sees them: by their activity, and
 * all at once when the user disconnects. New imported runs go through {@link SubmitRunUseCase} like any.
 */
public interface ImportedRunsUseCase {

    /** The live run imported from this Strava activity, if any. */
    Optional<StoredRun> findByStravaId(UserId user, String stravaId);

    /**
     * Deletes every live run whose source is Strava (e.g. on disconnect) in one transaction, and
     * re-evaluates the flags of the runs they overlapped. Returns how many were deleted.
     */
    int deleteStravaRuns(UserId user);
}

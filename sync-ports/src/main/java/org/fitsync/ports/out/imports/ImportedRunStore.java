package org.fitsync.ports.out.imports;

import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;

/**
 * What the import needs from run storage. Implemented over the runs use case, so an imported run
 * goes through the same path as {@code POST /api/v1/runs} (validation, polyline, overlap). Called
 * inside the import's user transaction, so storing a run and checkpointing the job commit together.
 */
public interface ImportedRunStore {

    boolean hasStravaActivity(UserId user, String stravaId);

    StoreOutcome store(UserId user, ImportedRun run);

    /** Deletes every run imported from Strava (runs they had superseded are re-evaluated); returns how many. */
    int deleteStravaRuns(UserId user);

    /** Deletes the run imported from that activity, if any; returns whether one was deleted. */
    boolean deleteByStravaId(UserId user, String stravaId);

    /** How storing one run ended. Rejection is an expected outcome (the run failed validation), not an error. */
    sealed interface StoreOutcome permits StoreOutcome.Stored, StoreOutcome.Duplicate, StoreOutcome.Rejected {
        record Stored(String runId) implements StoreOutcome {}

        record Duplicate(String runId) implements StoreOutcome {}

        record Rejected(String reason) implements StoreOutcome {}
    }
}

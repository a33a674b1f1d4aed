package org.fitsync.ports.in.run;

import java.util.Optional;

/**
 * What one pass of the figures backfill did, in counts only (no user or run is named, so it can be
 * logged): runs whose figures and best efforts were computed, runs among them whose recording could not
 * be decoded (stored with the figures their submitted duration and distance give), users left for a
 * later pass because a write of theirs held their lock, and users whose batch failed, with the type of
 * the first failure.
 */
public record FiguresBackfillReport(
        int runsBackfilled, int runsUndecodable, int usersBusy, int usersFailed, Optional<String> firstFailure) {

    public static final FiguresBackfillReport NOTHING = new FiguresBackfillReport(0, 0, 0, 0, Optional.empty());

    public FiguresBackfillReport plus(FiguresBackfillReport other) {
        return new FiguresBackfillReport(
                runsBackfilled + other.runsBackfilled,
                runsUndecodable + other.runsUndecodable,
                usersBusy + other.usersBusy,
                usersFailed + other.usersFailed,
                firstFailure.or(other::firstFailure));
    }
}

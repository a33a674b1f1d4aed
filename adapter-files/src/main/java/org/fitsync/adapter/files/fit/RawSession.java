package org.fitsync.adapter.files.fit;

import java.time.Instant;
import java.util.Optional;

/** What FitSync takes from a FIT session message; NaN or -1 where the file has no value. */
record RawSession(double startTime, int sport, int subSport, double elapsedS, double distanceM) {

    static RawSession of(FitActivityDecoder.MessageValues values) {
        double sport = values.get(FitProfile.SESSION_SPORT);
        double subSport = values.get(FitProfile.SESSION_SUB_SPORT);
        return new RawSession(
                values.get(FitProfile.SESSION_START_TIME),
                Double.isNaN(sport) ? -1 : (int) sport,
                Double.isNaN(subSport) ? -1 : (int) subSport,
                values.get(FitProfile.SESSION_TOTAL_ELAPSED_TIME) / 1000,
                values.get(FitProfile.SESSION_TOTAL_DISTANCE) / 100);
    }

    Optional<Instant> start() {
        return Double.isNaN(startTime) ? Optional.empty() : Optional.of(FitActivityDecoder.instantOf((long) startTime));
    }
}

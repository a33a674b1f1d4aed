package org.fitsync.domain.run;

import java.time.Instant;
import java.util.Objects;

/**
 * The fastest continuous stretch of one {@link BestEffortDistance} inside a run: it starts at
 * {@code startedAt} (on the run's own clock, the track's or samples' times) and takes
 * {@code elapsedMs}, pauses included ({@link BestEfforts} says how it is found).
 */
public record BestEffort(BestEffortDistance distance, long elapsedMs, Instant startedAt) {

    public BestEffort {
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(startedAt, "startedAt");
        if (elapsedMs < 0) {
            throw new IllegalArgumentException("an effort never takes negative time: " + elapsedMs);
        }
    }

    /** Seconds per kilometre over the effort. */
    public double paceSPerKm() {
        return elapsedMs / distance.metres();
    }
}

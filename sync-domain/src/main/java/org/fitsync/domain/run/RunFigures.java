package org.fitsync.domain.run;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the server derives from a run once, when it is stored (docs/api.md, the run resource's
 * {@code stats}): its moving time, its elevation gain and loss, its average and maximum heart rate
 * and average cadence when the samples have them, and its average pace. An empty part is unknown
 * (no elevation in the track, no heart rate stream, no distance). {@link RunFiguresCalculator} says
 * how each is computed.
 */
public record RunFigures(
        long movingTimeS,
        OptionalDouble elevationGainM,
        OptionalDouble elevationLossM,
        OptionalDouble avgHeartRate,
        OptionalInt maxHeartRate,
        OptionalDouble avgCadence,
        OptionalDouble avgPaceSPerKm) {

    public RunFigures {
        if (movingTimeS < 0) {
            throw new IllegalArgumentException("moving time is never negative: " + movingTimeS);
        }
        Objects.requireNonNull(elevationGainM, "elevationGainM");
        Objects.requireNonNull(elevationLossM, "elevationLossM");
        Objects.requireNonNull(avgHeartRate, "avgHeartRate");
        Objects.requireNonNull(maxHeartRate, "maxHeartRate");
        Objects.requireNonNull(avgCadence, "avgCadence");
        Objects.requireNonNull(avgPaceSPerKm, "avgPaceSPerKm");
    }

    /** Figures of a run that recorded nothing but its declared moving time. */
    public static RunFigures ofMovingTime(long movingTimeS) {
        return new RunFigures(
                movingTimeS,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty());
    }
}

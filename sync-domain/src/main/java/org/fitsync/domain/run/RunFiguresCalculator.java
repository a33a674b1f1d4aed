package org.fitsync.domain.run;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Derives a run's {@link RunFigures}, each in one pass over the track or a stream (docs/api.md, the
 * run resource's {@code stats}):
 *
 * <ul>
 *   <li>Moving time: the time between consecutive points (or distance samples) where the runner was
 *       moving, i.e. covered at least {@link #MOVING_SPEED_MPS} × the time over the points of the last
 *       {@link #SPEED_WINDOW_MS}, and never less than 10 m. On the track that is the straight-line
 *       displacement, so GPS jitter while standing does not add up as a summed path would: jitter
 *       within a 5 m radius is never movement. A gap between two points counts as moving only if the
 *       average speed across it is at least 1 m/s. 1 m/s is well below walking pace, so a walk break is
 *       moving and a stop at a traffic light is not. From the track when it has two points or more,
 *       else from the {@code distance_m} stream, else the submitted {@code duration_s}.
 *   <li>Elevation gain and loss: {@link ElevationChange} over the track's elevations with a
 *       hysteresis of {@link #ELEVATION_HYSTERESIS_M} (GoldenCheetah's default), no other smoothing.
 *   <li>Heart rate: the mean and maximum of the recorded values; cadence: the mean of the values
 *       above zero (a standing runner's 0 is no cadence). Means are per sample, not time-weighted.
 *   <li>Average pace: moving time per kilometre of the submitted {@code distance_m}.
 * </ul>
 */
public final class RunFiguresCalculator {

    public static final double MOVING_SPEED_MPS = 1.0;
    public static final long SPEED_WINDOW_MS = 10_000;
    public static final double ELEVATION_HYSTERESIS_M = 3.0;
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private RunFiguresCalculator() {}

    public static RunFigures of(NewRun run) {
        return of(run.track(), run.samples(), run.durationS(), run.distanceM());
    }

    public static RunFigures of(Track track, Optional<Samples> samples, long durationS, double distanceM) {
        long movingTimeS = movingTimeS(track, samples).orElse(durationS);
        ElevationChange elevation = elevationChange(track);
        OptionalDouble gain = elevation.any() ? OptionalDouble.of(round1(elevation.gainM())) : OptionalDouble.empty();
        OptionalDouble loss = elevation.any() ? OptionalDouble.of(round1(elevation.lossM())) : OptionalDouble.empty();
        OptionalDouble avgHeartRate = OptionalDouble.empty();
        OptionalInt maxHeartRate = OptionalInt.empty();
        OptionalDouble avgCadence = OptionalDouble.empty();
        if (samples.isPresent()) {
            Samples recorded = samples.get();
            avgHeartRate = mean(recorded, SampleStream.HEART_RATE, 0);
            maxHeartRate = max(recorded, SampleStream.HEART_RATE);
            avgCadence = mean(recorded, SampleStream.CADENCE, Double.MIN_VALUE);
        }
        OptionalDouble pace = distanceM > 0 && movingTimeS > 0
                ? OptionalDouble.of(round1(movingTimeS / (distanceM / 1000)))
                : OptionalDouble.empty();
        return new RunFigures(movingTimeS, gain, loss, avgHeartRate, maxHeartRate, avgCadence, pace);
    }

    /** The elevation gain and loss of the track's points that have an elevation. */
    public static ElevationChange elevationChange(Track track) {
        ElevationChange change = new ElevationChange(ELEVATION_HYSTERESIS_M);
        for (int i = 0; i < track.size(); i++) {
            if (track.hasElevation(i)) {
                change.add(track.elevationM(i));
            }
        }
        return change;
    }

    /** Moving time from the track, else from the distance stream; empty when neither can tell. */
    static Optional<Long> movingTimeS(Track track, Optional<Samples> samples) {
        if (track.size() >= 2) {
            return Optional.of(seconds(trackMovingMs(track)));
        }
        if (samples.isPresent() && samples.get().has(SampleStream.DISTANCE_M)) {
            return distanceStreamMovingMs(samples.get()).map(RunFiguresCalculator::seconds);
        }
        return Optional.empty();
    }

    /**
     * For each segment (i - 1, i): the window reaches back to the earliest point at most
     * {@link #SPEED_WINDOW_MS} before i (at least to i - 1, so a gap in the recording is a window of
     * its own); the segment is moving when the displacement over the window is at least the moving
     * speed times the window, and never less than the moving speed times the full window: after a start
     * or a stop the first metres do not count until the runner has covered a window's distance.
     */
    private static long trackMovingMs(Track track) {
        long moving = 0;
        int from = 0;
        for (int i = 1; i < track.size(); i++) {
            long segment = track.epochMs(i) - track.epochMs(i - 1);
            if (segment <= 0) {
                continue;
            }
            while (from < i - 1 && track.epochMs(i) - track.epochMs(from) > SPEED_WINDOW_MS) {
                from++;
            }
            long window = Math.max(track.epochMs(i) - track.epochMs(from), SPEED_WINDOW_MS);
            double metres = metresBetween(track.lat(from), track.lon(from), track.lat(i), track.lon(i));
            if (metres >= MOVING_SPEED_MPS * window / 1000.0) {
                moving += segment;
            }
        }
        return moving;
    }

    /** The same rule over the samples that have a distance; empty with fewer than two of them. */
    private static Optional<Long> distanceStreamMovingMs(Samples samples) {
        int count = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.hasValue(SampleStream.DISTANCE_M, i)) {
                count++;
            }
        }
        if (count < 2) {
            return Optional.empty();
        }
        long[] times = new long[count];
        double[] distances = new double[count];
        int at = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.hasValue(SampleStream.DISTANCE_M, i)) {
                times[at] = samples.epochMs(i);
                distances[at] = samples.value(SampleStream.DISTANCE_M, i);
                at++;
            }
        }
        long moving = 0;
        int from = 0;
        for (int i = 1; i < count; i++) {
            while (from < i - 1 && times[i] - times[from] > SPEED_WINDOW_MS) {
                from++;
            }
            long window = Math.max(times[i] - times[from], SPEED_WINDOW_MS);
            if (distances[i] - distances[from] >= MOVING_SPEED_MPS * window / 1000.0) {
                moving += times[i] - times[i - 1];
            }
        }
        return Optional.of(moving);
    }

    private static OptionalDouble mean(Samples samples, SampleStream stream, double above) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < samples.size(); i++) {
            double value = samples.value(stream, i);
            if (!Double.isNaN(value) && value >= above) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(round1(sum / count));
    }

    private static OptionalInt max(Samples samples, SampleStream stream) {
        double max = Double.NaN;
        for (int i = 0; i < samples.size(); i++) {
            double value = samples.value(stream, i);
            if (!Double.isNaN(value) && !(value <= max)) {
                max = value;
            }
        }
        return Double.isNaN(max) ? OptionalInt.empty() : OptionalInt.of((int) Math.round(max));
    }

    /** Great-circle distance (haversine), accurate to well under a metre over a window's reach. */
    public static double metresBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static long seconds(long ms) {
        return Math.round(ms / 1000.0);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

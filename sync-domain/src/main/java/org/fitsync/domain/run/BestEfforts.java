package org.fitsync.domain.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds a run's best efforts: for each {@link BestEffortDistance} it covers, the shortest time in
 * which it covered exactly that distance, in time linear in the number of points per distance.
 *
 * <p>The run's progress is its cumulative distance over time: from the track when it has two points
 * or more (the haversine distance between consecutive points summed, as recorded, without smoothing),
 * else from the {@code distance_m} stream of the samples (a step back, a glitch or a reset, is no
 * progress). A step between two points faster than {@link #MAX_SPEED_MPS} (no runner is that
 * fast; a GPS jump or a glitch in the distance stream is) counts as no progress, so it cannot make a
 * record of a few seconds; the progress after it counts as usual. Between two points the runner is taken to move at constant speed, so the
 * distance is a piecewise linear function of time and an effort may start and end inside a segment:
 * its distance is then exact, not the first point-to-point span at least that long (which would make
 * a 400 m effort of 1 Hz points up to a few metres longer and its time a second too long).
 *
 * <p>The time to cover {@code D} from distance {@code x} is {@code end(x + D) - start(x)}, where
 * {@code start(x)} is the last moment the runner was at {@code x} (a stop at the start does not count)
 * and {@code end(y)} the first moment the runner reached {@code y}. Both are piecewise linear in {@code x}
 * with breaks only where {@code x} or {@code x + D} is a point's distance, so the minimum lies at such a
 * break: one two-pointer pass tries every effort ending at a point, another every effort starting at
 * one. Pauses inside an effort count (the clock runs, as on a track race).
 */
public final class BestEfforts {

    /** Faster than any runner's top speed (about 12.4 m/s in a 100 m final). */
    public static final double MAX_SPEED_MPS = 12.5;

    private BestEfforts() {}

    /** The best efforts of a run, shortest distance first; none for a distance the run did not cover. */
    public static List<BestEffort> of(NewRun run) {
        return of(run.track(), run.samples());
    }

    public static List<BestEffort> of(Track track, Optional<Samples> samples) {
        Optional<Progress> progress = Progress.of(track, samples);
        if (!progress.isPresent()) {
            return List.of();
        }
        List<BestEffort> efforts = new ArrayList<>();
        for (BestEffortDistance distance : BestEffortDistance.values()) {
            progress.get().best(distance).ifPresent(efforts::add);
        }
        return List.copyOf(efforts);
    }

    /** The best effort over {@code distance} of points at {@code timesMs} with cumulative {@code metres}. */
    static Optional<BestEffort> of(long[] timesMs, double[] metres, BestEffortDistance distance) {
        return new Progress(timesMs, metres).best(distance);
    }

    /** Cumulative distance at each point's time; distances never decrease, times never decrease. */
    private static final class Progress {
        private final long[] times;
        private final double[] metres;

        Progress(long[] times, double[] metres) {
            this.times = times;
            this.metres = metres;
        }

        static Optional<Progress> of(Track track, Optional<Samples> samples) {
            if (track.size() >= 2) {
                long[] times = new long[track.size()];
                double[] metres = new double[track.size()];
                times[0] = track.epochMs(0);
                for (int i = 1; i < track.size(); i++) {
                    times[i] = track.epochMs(i);
                    double step = RunFiguresCalculator.metresBetween(
                            track.lat(i - 1), track.lon(i - 1), track.lat(i), track.lon(i));
                    metres[i] = metres[i - 1] + plausible(step, times[i] - times[i - 1]);
                }
                return Optional.of(new Progress(times, metres));
            }
            if (!samples.isPresent() || !samples.get().has(SampleStream.DISTANCE_M)) {
                return Optional.empty();
            }
            Samples recorded = samples.get();
            long[] times = new long[recorded.size()];
            double[] metres = new double[recorded.size()];
            int at = 0;
            double previous = 0;
            for (int i = 0; i < recorded.size(); i++) {
                double value = recorded.value(SampleStream.DISTANCE_M, i);
                if (Double.isNaN(value)) {
                    continue;
                }
                times[at] = recorded.epochMs(i);
                // A step back (a glitch, a reset) is no progress; a glitch's way back up is too fast to be.
                metres[at] = at == 0
                        ? value
                        : metres[at - 1] + plausible(Math.max(0, value - previous), times[at] - times[at - 1]);
                previous = value;
                at++;
            }
            if (at < 2) {
                return Optional.empty();
            }
            return Optional.of(new Progress(Arrays.copyOf(times, at), Arrays.copyOf(metres, at)));
        }

        /** {@code metres} covered in {@code ms}, or none if no runner could have. */
        private static double plausible(double metres, long ms) {
            return metres <= MAX_SPEED_MPS * ms / 1000.0 ? metres : 0;
        }

        Optional<BestEffort> best(BestEffortDistance distance) {
            int n = times.length;
            double target = distance.metres();
            if (n < 2 || metres[n - 1] - metres[0] < target) {
                return Optional.empty();
            }
            double bestMs = Double.POSITIVE_INFINITY;
            double bestStart = 0;
            // Efforts ending at point j: the start is the last moment at metres[j] - target. Point i
            // is the last one at or before that distance; it only moves forward as j does.
            int i = 0;
            for (int j = 1; j < n; j++) {
                double from = metres[j] - target;
                if (from < metres[0]) {
                    continue;
                }
                while (i + 1 < j && metres[i + 1] <= from) {
                    i++;
                }
                double start = metres[i] == from ? times[i] : at(i, from);
                if (times[j] - start < bestMs) {
                    bestMs = times[j] - start;
                    bestStart = start;
                }
            }
            // Efforts starting at point i: the end is the first moment at metres[i] + target. Point j
            // is the first one at or beyond that distance; it only moves forward as i does.
            int j = 1;
            for (i = 0; i < n - 1; i++) {
                double to = metres[i] + target;
                if (to > metres[n - 1]) {
                    break;
                }
                if (j <= i) {
                    j = i + 1;
                }
                while (metres[j] < to) {
                    j++;
                }
                double end = metres[j] == to ? times[j] : at(j - 1, to);
                if (end - times[i] < bestMs) {
                    bestMs = end - times[i];
                    bestStart = times[i];
                }
            }
            long startMs = Math.round(bestStart);
            return Optional.of(new BestEffort(
                    distance, Math.max(0, Math.round(bestStart + bestMs) - startMs), Instant.ofEpochMilli(startMs)));
        }

        /** The moment inside segment (k, k + 1) at which the runner was at {@code distance}. */
        private double at(int k, double distance) {
            double share = (distance - metres[k]) / (metres[k + 1] - metres[k]);
            return times[k] + share * (times[k + 1] - times[k]);
        }
    }
}

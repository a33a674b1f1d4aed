package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The two-pointer search of {@link BestEfforts} against the definition: the time to cover exactly the
 * distance from {@code x} is the first moment at {@code x + D} minus the last moment at {@code x}.
 */
class BestEffortsProperties {

    @Property(tries = 500)
    void theLinearSearchFindsWhatABruteForceSearchFinds(
            @ForAll @Size(min = 2, max = 300) List<@IntRange(min = 0, max = 30_000) Integer> gapsMs,
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 40) Double> stepsMetres,
            @ForAll BestEffortDistance distance) {
        double scale = distance.metres() / 1000; // so that most tracks cover the distance
        long[] times = new long[gapsMs.size()];
        double[] metres = new double[gapsMs.size()];
        for (int i = 1; i < times.length; i++) {
            times[i] = times[i - 1] + gapsMs.get(i);
            metres[i] = metres[i - 1] + stepsMetres.get(i % stepsMetres.size()) * scale;
        }

        Optional<BestEffort> linear = BestEfforts.of(times, metres, distance);
        Optional<double[]> brute = bruteForce(times, metres, distance.metres());

        assertThat(linear.isPresent()).isEqualTo(brute.isPresent());
        if (brute.isPresent()) {
            assertThat((double) linear.get().elapsedMs()).isCloseTo(brute.get()[0], within(1.0));
            // The effort found really is one: from its start, the distance is covered in its time.
            double start = linear.get().startedAt().toEpochMilli();
            assertThat(coveredBy(times, metres, start + linear.get().elapsedMs() + 1)
                            - coveredBy(times, metres, start - 1))
                    .isGreaterThanOrEqualTo(distance.metres() - 1e-6);
        }
    }

    @Property(tries = 300)
    void noStretchStartingAnywhereIsFaster(
            @ForAll @Size(min = 2, max = 200) List<@IntRange(min = 1, max = 20_000) Integer> gapsMs,
            @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = 0, max = 30) Double> stepsMetres,
            @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = 0, max = 1) Double> startShares) {
        long[] times = new long[gapsMs.size()];
        double[] metres = new double[gapsMs.size()];
        for (int i = 1; i < times.length; i++) {
            times[i] = times[i - 1] + gapsMs.get(i);
            metres[i] = metres[i - 1] + stepsMetres.get(i % stepsMetres.size());
        }
        BestEffortDistance distance = BestEffortDistance.M400;
        Optional<BestEffort> best = BestEfforts.of(times, metres, distance);
        double room = metres[metres.length - 1] - distance.metres();
        if (room < 0) {
            assertThat(best).isEmpty();
            return;
        }
        for (double share : startShares) {
            double from = share * room;
            double elapsed = firstAt(times, metres, from + distance.metres()) - lastAt(times, metres, from);
            assertThat((double) best.orElseThrow().elapsedMs()).isLessThanOrEqualTo(elapsed + 1);
        }
    }

    /**
     * O(n²): every start distance where the time to cover the distance can turn (a point's distance,
     * or one that ends at a point's distance), each timed by scanning the whole run.
     */
    private static Optional<double[]> bruteForce(long[] times, double[] metres, double target) {
        double last = metres[metres.length - 1];
        double best = Double.POSITIVE_INFINITY;
        for (double point : metres) {
            for (double from : new double[] {point, point - target}) {
                if (from >= metres[0] && from + target <= last) {
                    best = Math.min(best, firstAt(times, metres, from + target) - lastAt(times, metres, from));
                }
            }
        }
        return best == Double.POSITIVE_INFINITY ? Optional.empty() : Optional.of(new double[] {best});
    }

    /** The last moment the runner was at {@code distance}. */
    private static double lastAt(long[] times, double[] metres, double distance) {
        double last = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < times.length; k++) {
            if (metres[k] == distance) {
                last = Math.max(last, (double) times[k]);
            }
            if (k + 1 < times.length && metres[k] < distance && distance < metres[k + 1]) {
                last = Math.max(last, between(times, metres, k, distance));
            }
        }
        return last;
    }

    /** The first moment the runner was at {@code distance}. */
    private static double firstAt(long[] times, double[] metres, double distance) {
        double first = Double.POSITIVE_INFINITY;
        for (int k = 0; k < times.length; k++) {
            if (metres[k] == distance) {
                first = Math.min(first, (double) times[k]);
            }
            if (k + 1 < times.length && metres[k] < distance && distance < metres[k + 1]) {
                first = Math.min(first, between(times, metres, k, distance));
            }
        }
        return first;
    }

    /** The distance covered at moment {@code t} (the furthest, at a moment two points share). */
    private static double coveredBy(long[] times, double[] metres, double t) {
        double covered = metres[0];
        for (int k = 0; k < times.length; k++) {
            if (times[k] <= t) {
                covered = Math.max(covered, metres[k]);
            } else if (k > 0 && times[k - 1] < t) {
                covered = Math.max(
                        covered,
                        metres[k - 1] + (metres[k] - metres[k - 1]) * (t - times[k - 1]) / (times[k] - times[k - 1]));
            }
        }
        return covered;
    }

    private static double between(long[] times, double[] metres, int k, double distance) {
        return times[k] + (distance - metres[k]) / (metres[k + 1] - metres[k]) * (times[k + 1] - times[k]);
    }
}

package org.fitsync.domain.run;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A run's per-sample streams (heart rate, cadence, …) as a watch recorded them: one column of sample
 * times in epoch ms and up to five value columns of the same length, each aligned to the times. A
 * value may be missing inside a stream (a strap that lost contact); it is held as NaN, which no
 * valid reading is. Columns of primitives, as {@link Track}'s, since an hour at 1 Hz is 3,600
 * samples per stream. Immutable; equality is by content.
 */
public final class Samples {

    /** As many samples as a track may have points: a watch records both at the same rate. */
    public static final int MAX_SAMPLES = Track.MAX_POINTS;

    private final long[] times;
    /** The recorded streams only; the map is never changed after construction. */
    private final EnumMap<SampleStream, double[]> values;

    private Samples(long[] times, EnumMap<SampleStream, double[]> values) {
        this.times = times;
        this.values = values;
    }

    /**
     * The samples at {@code times} with the given streams, {@code NaN} marking a missing value; the
     * arrays are copied. Throws for columns of unequal length or no stream at all: callers check
     * those (as {@link RunValidation} does) before.
     */
    public static Samples of(long[] times, Map<SampleStream, double[]> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("samples have at least one stream");
        }
        EnumMap<SampleStream, double[]> values = new EnumMap<>(SampleStream.class);
        for (Map.Entry<SampleStream, double[]> stream : streams.entrySet()) {
            if (stream.getValue().length != times.length) {
                throw new IllegalArgumentException(stream.getKey().wireName() + " has " + stream.getValue().length
                        + " values for " + times.length + " times");
            }
            double[] column = stream.getValue().clone();
            for (int i = 0; i < column.length; i++) {
                // A reading has no sign at zero; the one NaN marks a missing value.
                column[i] = Double.isNaN(column[i]) ? Double.NaN : column[i] + 0.0;
            }
            values.put(stream.getKey(), column);
        }
        return new Samples(times.clone(), values);
    }

    public int size() {
        return times.length;
    }

    public long epochMs(int i) {
        return times[i];
    }

    /** The recorded streams, in {@link SampleStream} order. */
    public Set<SampleStream> streams() {
        return values.isEmpty() ? EnumSet.noneOf(SampleStream.class) : EnumSet.copyOf(values.keySet());
    }

    public boolean has(SampleStream stream) {
        return values.containsKey(stream);
    }

    /** Whether sample {@code i} has a value in {@code stream} (false for a stream not recorded). */
    public boolean hasValue(SampleStream stream, int i) {
        double[] column = values.get(stream);
        return column != null && !Double.isNaN(column[i]);
    }

    /** The value of sample {@code i} in {@code stream}; NaN where {@link #hasValue} is false. */
    public double value(SampleStream stream, int i) {
        double[] column = values.get(stream);
        return column == null ? Double.NaN : column[i];
    }

    public OptionalDouble valueAt(SampleStream stream, int i) {
        return hasValue(stream, i) ? OptionalDouble.of(value(stream, i)) : OptionalDouble.empty();
    }

    /** A copy of the stream's column (NaN for missing values); empty array for a stream not recorded. */
    public double[] column(SampleStream stream) {
        double[] column = values.get(stream);
        return column == null ? new double[0] : column.clone();
    }

    /** A copy of the times. */
    public long[] times() {
        return times.clone();
    }

    /**
     * The sample nearest {@code epochMs} within {@code toleranceMs}, for matching samples to GPS
     * points recorded on another clock tick; the earlier one on a tie. Times are increasing.
     */
    public OptionalInt nearest(long epochMs, long toleranceMs) {
        int at = Arrays.binarySearch(times, epochMs);
        if (at >= 0) {
            return OptionalInt.of(at);
        }
        int after = -at - 1;
        int best = -1;
        long bestGap = Long.MAX_VALUE;
        if (after > 0) {
            best = after - 1;
            bestGap = epochMs - times[after - 1];
        }
        if (after < times.length && times[after] - epochMs < bestGap) {
            best = after;
            bestGap = times[after] - epochMs;
        }
        return best >= 0 && bestGap <= toleranceMs ? OptionalInt.of(best) : OptionalInt.empty();
    }

    /** The streams as a map, copied, for code that builds samples from samples. */
    public Map<SampleStream, double[]> streamColumns() {
        Map<SampleStream, double[]> columns = new EnumMap<>(SampleStream.class);
        for (SampleStream stream : streams()) {
            columns.put(stream, column(stream));
        }
        return columns;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Samples that)
                || !Arrays.equals(times, that.times)
                || !values.keySet().equals(that.values.keySet())) {
            return false;
        }
        for (Map.Entry<SampleStream, double[]> stream : values.entrySet()) {
            if (!Arrays.equals(stream.getValue(), that.values.get(stream.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(times);
        for (Map.Entry<SampleStream, double[]> stream : values.entrySet()) {
            hash = 31 * hash + stream.getKey().hashCode() + Arrays.hashCode(stream.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Samples[" + size() + " samples of " + streams() + "]";
    }
}

package org.fitsync.domain.run;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.RandomAccess;

/**
 * A run's raw GPS track, in recording order, exactly as submitted. Held as columns of primitives
 * (times, latitudes, longitudes, elevations and their presence), not as point objects: every
 * submitted run's track is validated, fingerprinted, simplified and encoded, each a pass over
 * thousands of points, and those passes read arrays far faster than they chase objects.
 * {@link #points()} still gives the points as {@link TrackPoint} values for code that wants them.
 * Equality is by content, bit for bit (so {@code -0.0} and {@code 0.0} differ, as they would in
 * the points' own equality).
 */
public final class Track {

    public static final int MAX_POINTS = 200_000;
    public static final Track EMPTY =
            new Track(new long[0], new double[0], new double[0], new double[0], new boolean[0]);

    private final long[] times;
    private final double[] lats;
    private final double[] lons;
    private final double[] elevations;
    private final boolean[] hasElevation;

    private Track(long[] times, double[] lats, double[] lons, double[] elevations, boolean[] hasElevation) {
        this.times = times;
        this.lats = lats;
        this.lons = lons;
        this.elevations = elevations;
        this.hasElevation = hasElevation;
    }

    public Track(List<TrackPoint> points) {
        this(
                new long[points.size()],
                new double[points.size()],
                new double[points.size()],
                new double[points.size()],
                new boolean[points.size()]);
        for (int i = 0; i < points.size(); i++) {
            TrackPoint p = points.get(i);
            times[i] = p.epochMs();
            lats[i] = p.lat();
            lons[i] = p.lon();
            hasElevation[i] = p.elevationM().isPresent();
            elevations[i] = p.elevationM().orElse(0);
        }
    }

    /** Builds a track column by column, as a parser or decoder reads it, without a point object per fix. */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    public long epochMs(int i) {
        return times[i];
    }

    public double lat(int i) {
        return lats[i];
    }

    public double lon(int i) {
        return lons[i];
    }

    public boolean hasElevation(int i) {
        return hasElevation[i];
    }

    /** The elevation of point {@code i}; only meaningful where {@link #hasElevation(int)}. */
    public double elevationM(int i) {
        return elevations[i];
    }

    public TrackPoint point(int i) {
        return new TrackPoint(
                times[i],
                lats[i],
                lons[i],
                hasElevation[i] ? OptionalDouble.of(elevations[i]) : OptionalDouble.empty());
    }

    /** The points in order, as an unmodifiable view made on demand. */
    public List<TrackPoint> points() {
        return new Points();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Track that) || that.size() != size()) {
            return false;
        }
        if (!Arrays.equals(times, that.times)
                || !Arrays.equals(lats, that.lats)
                || !Arrays.equals(lons, that.lons)
                || !Arrays.equals(hasElevation, that.hasElevation)) {
            return false;
        }
        for (int i = 0; i < times.length; i++) {
            if (hasElevation[i]
                    && Double.doubleToLongBits(elevations[i]) != Double.doubleToLongBits(that.elevations[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(times);
        hash = 31 * hash + Arrays.hashCode(lats);
        hash = 31 * hash + Arrays.hashCode(lons);
        for (int i = 0; i < times.length; i++) {
            hash = 31 * hash + (hasElevation[i] ? Double.hashCode(elevations[i]) : 1);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Track[" + size() + " points]";
    }

    private final class Points extends AbstractList<TrackPoint> implements RandomAccess {
        @Override
        public TrackPoint get(int index) {
            return point(index);
        }

        @Override
        public int size() {
            return times.length;
        }
    }

    /** Appends points; {@link #build()} hands the columns, trimmed, to the track. */
    public static final class Builder {
        private long[] times;
        private double[] lats;
        private double[] lons;
        private double[] elevations;
        private boolean[] hasElevation;
        private int size;
        private boolean built;

        private Builder(int expectedSize) {
            int capacity = Math.max(16, expectedSize);
            times = new long[capacity];
            lats = new double[capacity];
            lons = new double[capacity];
            elevations = new double[capacity];
            hasElevation = new boolean[capacity];
        }

        public int size() {
            return size;
        }

        public Builder add(long epochMs, double lat, double lon) {
            return add(epochMs, lat, lon, false, 0);
        }

        public Builder add(long epochMs, double lat, double lon, double elevationM) {
            return add(epochMs, lat, lon, true, elevationM);
        }

        private Builder add(long epochMs, double lat, double lon, boolean withElevation, double elevationM) {
            requireUnbuilt();
            if (size == times.length) {
                int capacity = size * 2;
                times = Arrays.copyOf(times, capacity);
                lats = Arrays.copyOf(lats, capacity);
                lons = Arrays.copyOf(lons, capacity);
                elevations = Arrays.copyOf(elevations, capacity);
                hasElevation = Arrays.copyOf(hasElevation, capacity);
            }
            times[size] = epochMs;
            lats[size] = lat;
            lons[size] = lon;
            elevations[size] = withElevation ? elevationM : 0;
            hasElevation[size] = withElevation;
            size++;
            return this;
        }

        public Track build() {
            requireUnbuilt();
            // The track may own these very arrays: a builder builds one track.
            built = true;
            return size == 0
                    ? EMPTY
                    : new Track(trim(times), trim(lats), trim(lons), trim(elevations), trim(hasElevation));
        }

        private void requireUnbuilt() {
            if (built) {
                throw new IllegalStateException("this builder has built its track already");
            }
        }

        private long[] trim(long[] column) {
            return column.length == size ? column : Arrays.copyOf(column, size);
        }

        private double[] trim(double[] column) {
            return column.length == size ? column : Arrays.copyOf(column, size);
        }

        private boolean[] trim(boolean[] column) {
            return column.length == size ? column : Arrays.copyOf(column, size);
        }
    }
}

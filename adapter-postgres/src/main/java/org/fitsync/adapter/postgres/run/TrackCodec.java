package org.fitsync.adapter.postgres.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

/**
 * A compact, lossless binary form of a track. Columns instead of rows: times, latitudes,
 * longitudes and elevations are each delta-encoded as zig-zag varints. Coordinates are stored as
 * scaled decimals (the column's largest number of decimal places, e.g. 5 for 52.52001), which is
 * exact because a double {@code v} printed with its shortest decimal {@code u/10^s} comes back as
 * the correctly rounded {@code (double) u / 10^s}; every value is checked on encoding and a column
 * that does not round-trip bit for bit (e.g. -0.0, or more than 15 significant digits) falls back
 * to raw IEEE doubles. Elevations have a presence bitmap for {@code null}s.
 * A 1 Hz track with 5-decimal coordinates takes about 6 bytes per point.
 */
public final class TrackCodec {

    private static final int FORMAT = 1;
    private static final int RAW = 0xFF;
    private static final int MAX_SCALE = 15;
    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POW10 = new double[MAX_SCALE + 1];

    static {
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = Math.pow(10, i);
        }
    }

    private TrackCodec() {}

    public static byte[] encode(Track track) {
        List<TrackPoint> points = track.points();
        int n = points.size();
        Output out = new Output(16 + n * 8);
        out.write(FORMAT);
        out.varint(n);
        if (n == 0) {
            return out.toArray();
        }
        long previous = 0;
        for (TrackPoint p : points) {
            out.signed(p.epochMs() - previous);
            previous = p.epochMs();
        }
        double[] lats = new double[n];
        double[] lons = new double[n];
        double[] elevations = new double[n];
        int elevationCount = 0;
        byte[] present = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            TrackPoint p = points.get(i);
            lats[i] = p.lat();
            lons[i] = p.lon();
            if (p.elevationM().isPresent()) {
                elevations[elevationCount++] = p.elevationM().getAsDouble();
                present[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        column(out, lats);
        column(out, lons);
        out.write(present);
        column(out, Arrays.copyOf(elevations, elevationCount));
        return out.toArray();
    }

    public static Track decode(byte[] bytes) {
        Input in = new Input(bytes);
        int format = in.read();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown track format " + format);
        }
        int n = (int) in.varint();
        if (n == 0) {
            return Track.EMPTY;
        }
        long[] times = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += in.signed();
            times[i] = previous;
        }
        double[] lats = readColumn(in, n);
        double[] lons = readColumn(in, n);
        byte[] present = in.read((n + 7) / 8);
        int elevationCount = 0;
        for (int i = 0; i < n; i++) {
            if ((present[i >> 3] & (1 << (i & 7))) != 0) {
                elevationCount++;
            }
        }
        double[] elevations = readColumn(in, elevationCount);
        List<TrackPoint> points = new ArrayList<>(n);
        int e = 0;
        for (int i = 0; i < n; i++) {
            OptionalDouble elevation = (present[i >> 3] & (1 << (i & 7))) != 0
                    ? OptionalDouble.of(elevations[e++]) : OptionalDouble.empty();
            points.add(new TrackPoint(times[i], lats[i], lons[i], elevation));
        }
        return new Track(points);
    }

    private static void column(Output out, double[] values) {
        int scale = decimalScale(values);
        if (scale == RAW) {
            out.write(RAW);
            for (double v : values) {
                out.fixed64(Double.doubleToRawLongBits(v));
            }
            return;
        }
        out.write(scale);
        long previous = 0;
        for (double v : values) {
            long unscaled = Math.round(v * POW10[scale]);
            out.signed(unscaled - previous);
            previous = unscaled;
        }
    }

    private static double[] readColumn(Input in, int n) {
        double[] values = new double[n];
        if (n == 0) {
            in.read();
            return values;
        }
        int scale = in.read();
        if (scale == RAW) {
            for (int i = 0; i < n; i++) {
                values[i] = Double.longBitsToDouble(in.fixed64());
            }
            return values;
        }
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += in.signed();
            values[i] = previous / POW10[scale];
        }
        return values;
    }

    /**
     * The smallest decimal scale at which every value round-trips bit for bit, or {@link #RAW}. A
     * value that round-trips at scale s also does at every larger scale (below 2^53), so the scale
     * only grows while scanning; a final pass re-checks every value at the chosen scale.
     */
    private static int decimalScale(double[] values) {
        int scale = 0;
        for (double v : values) {
            while (!roundTrips(v, scale)) {
                if (++scale > MAX_SCALE) {
                    return RAW;
                }
            }
        }
        for (double v : values) {
            if (!roundTrips(v, scale)) {
                return RAW;
            }
        }
        return scale;
    }

    private static boolean roundTrips(double v, int scale) {
        double scaled = v * POW10[scale];
        if (!(Math.abs(scaled) < MAX_EXACT)) {
            return false;
        }
        long unscaled = Math.round(scaled);
        return Double.doubleToRawLongBits(unscaled / POW10[scale]) == Double.doubleToRawLongBits(v);
    }

    private static final class Output {
        private byte[] buffer;
        private int size;

        Output(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) b;
        }

        void write(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
        }

        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }

        void signed(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void fixed64(long value) {
            for (int i = 0; i < 8; i++) {
                write((int) (value >>> (8 * i)));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    private static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("truncated track");
            }
            return bytes[position++] & 0xFF;
        }

        byte[] read(int n) {
            if (position + n > bytes.length) {
                throw new IllegalArgumentException("truncated track");
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return out;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        long signed() {
            long raw = varint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (long) read() << (8 * i);
            }
            return value;
        }
    }
}

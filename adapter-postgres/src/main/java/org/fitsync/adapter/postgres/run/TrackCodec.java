package org.fitsync.adapter.postgres.run;

import java.util.Arrays;
import org.fitsync.domain.run.Track;

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
    static final int RAW = 0xFF;
    private static final int MAX_SCALE = 15;
    private static final long MAX_EXACT = 1L << 53;
    static final double[] POW10 = new double[MAX_SCALE + 1];

    static {
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = Math.pow(10, i);
        }
    }

    private TrackCodec() {}

    public static byte[] encode(Track track) {
        int n = track.size();
        Output out = new Output(16 + n * 8);
        out.write(FORMAT);
        out.varint(n);
        if (n == 0) {
            return out.toArray();
        }
        long previous = 0;
        double[] lats = new double[n];
        double[] lons = new double[n];
        double[] elevations = new double[n];
        int elevationCount = 0;
        byte[] present = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            long time = track.epochMs(i);
            out.signed(time - previous);
            previous = time;
            lats[i] = track.lat(i);
            lons[i] = track.lon(i);
            if (track.hasElevation(i)) {
                elevations[elevationCount++] = track.elevationM(i);
                present[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        column(out, lats, lats.length);
        column(out, lons, lons.length);
        out.write(present);
        column(out, elevations, elevationCount);
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
        Track.Builder track = Track.builder(n);
        int e = 0;
        for (int i = 0; i < n; i++) {
            if ((present[i >> 3] & (1 << (i & 7))) != 0) {
                track.add(times[i], lats[i], lons[i], elevations[e++]);
            } else {
                track.add(times[i], lats[i], lons[i]);
            }
        }
        return track.build();
    }

    /** The first {@code n} values as one column: scaled decimals if they all round-trip at one scale, else raw. */
    private static void column(Output out, double[] values, int n) {
        long[] unscaled = new long[n];
        int scale = decimalScale(values, n, unscaled);
        if (scale == RAW) {
            out.write(RAW);
            for (int i = 0; i < n; i++) {
                out.fixed64(Double.doubleToRawLongBits(values[i]));
            }
            return;
        }
        out.write(scale);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            out.signed(unscaled[i] - previous);
            previous = unscaled[i];
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
     * The smallest decimal scale at which each of the first {@code n} values round-trips bit for bit,
     * or {@link #RAW}; fills {@code unscaled} with the values' integers at that scale. A value that
     * round-trips at scale s also does at every larger scale (below 2^53), so the scale only grows
     * while scanning, and only the values before its last increase are checked again at the final scale.
     */
    static int decimalScale(double[] values, int n, long[] unscaled) {
        int scale = 0;
        int checkedFrom = 0;
        for (int i = 0; i < n; i++) {
            while (!roundTrips(values[i], scale, unscaled, i)) {
                if (++scale > MAX_SCALE) {
                    return RAW;
                }
                checkedFrom = i;
            }
        }
        for (int i = 0; i < checkedFrom; i++) {
            if (!roundTrips(values[i], scale, unscaled, i)) {
                return RAW;
            }
        }
        return scale;
    }

    /** Whether {@code v} comes back bit for bit from its integer at {@code scale}, stored in {@code unscaled[i]}. */
    private static boolean roundTrips(double v, int scale, long[] unscaled, int i) {
        double scaled = v * POW10[scale];
        if (!(Math.abs(scaled) < MAX_EXACT)) {
            return false;
        }
        long integer = Math.round(scaled);
        unscaled[i] = integer;
        return Double.doubleToRawLongBits(integer / POW10[scale]) == Double.doubleToRawLongBits(v);
    }

    /** A growing byte buffer with varint writers; {@link SampleCodec} writes with it too. */
    static final class Output {
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

    static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("truncated data");
            }
            return bytes[position++] & 0xFF;
        }

        byte[] read(int n) {
            if (position + n > bytes.length) {
                throw new IllegalArgumentException("truncated data");
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

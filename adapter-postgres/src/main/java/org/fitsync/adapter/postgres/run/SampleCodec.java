package org.fitsync.adapter.postgres.run;

import java.util.EnumMap;
import java.util.Map;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Samples;

/**
 * A compact, lossless binary form of a run's samples, in {@link TrackCodec}'s spirit (ADR 0014):
 * columns, each an integer sequence written as zig-zag varints of its first or second differences,
 * whichever is shorter. Times are epoch ms. Each recorded stream has a presence bitmap only when a
 * value is missing, then its present values as exact scaled decimals (scale 0 for heart rate, power
 * and temperature, 1 for half-step cadence, the distances' own number of places), falling back to
 * raw IEEE doubles for a column that would not round-trip bit for bit. Second differences make a
 * steady 1 Hz clock and a steady pace cost one byte a sample: an hour at 1 Hz with heart rate,
 * cadence and distance takes about 4 bytes a sample.
 *
 * <pre>
 * format(1) n(varint) times(integers) streams(bitmask byte, bit i = SampleStream.values()[i])
 * per stream: gaps(0 | 1 + bitmap of n bits) scale(byte, 0xFF = raw) values(integers | n × 8 bytes)
 * integers: order(byte 1|2) then that order's differences as zig-zag varints
 * </pre>
 */
public final class SampleCodec {

    private static final int FORMAT = 1;
    private static final SampleStream[] STREAMS = SampleStream.values();

    private SampleCodec() {}

    public static byte[] encode(Samples samples) {
        int n = samples.size();
        TrackCodec.Output out = new TrackCodec.Output(16 + n * 6);
        out.write(FORMAT);
        out.varint(n);
        integers(out, samples.times(), n);
        int mask = 0;
        for (int s = 0; s < STREAMS.length; s++) {
            if (samples.has(STREAMS[s])) {
                mask |= 1 << s;
            }
        }
        out.write(mask);
        for (SampleStream stream : STREAMS) {
            if (samples.has(stream)) {
                stream(out, samples.column(stream));
            }
        }
        return out.toArray();
    }

    public static Samples decode(byte[] bytes) {
        TrackCodec.Input in = new TrackCodec.Input(bytes);
        int format = in.read();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown samples format " + format);
        }
        int n = (int) in.varint();
        long[] times = readIntegers(in, n);
        int mask = in.read();
        Map<SampleStream, double[]> streams = new EnumMap<>(SampleStream.class);
        for (int s = 0; s < STREAMS.length; s++) {
            if ((mask & (1 << s)) != 0) {
                streams.put(STREAMS[s], readStream(in, n));
            }
        }
        return Samples.of(times, streams);
    }

    private static void stream(TrackCodec.Output out, double[] column) {
        int n = column.length;
        byte[] present = new byte[(n + 7) / 8];
        double[] values = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(column[i])) {
                values[count++] = column[i];
                present[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        if (count == n) {
            out.write(0);
        } else {
            out.write(1);
            out.write(present);
        }
        long[] unscaled = new long[count];
        int scale = TrackCodec.decimalScale(values, count, unscaled);
        out.write(scale);
        if (scale == TrackCodec.RAW) {
            for (int i = 0; i < count; i++) {
                out.fixed64(Double.doubleToRawLongBits(values[i]));
            }
        } else {
            integers(out, unscaled, count);
        }
    }

    private static double[] readStream(TrackCodec.Input in, int n) {
        byte[] present = null;
        int count = n;
        if (in.read() == 1) {
            present = in.read((n + 7) / 8);
            count = 0;
            for (int i = 0; i < n; i++) {
                if ((present[i >> 3] & (1 << (i & 7))) != 0) {
                    count++;
                }
            }
        }
        int scale = in.read();
        double[] values = new double[count];
        if (scale == TrackCodec.RAW) {
            for (int i = 0; i < count; i++) {
                values[i] = Double.longBitsToDouble(in.fixed64());
            }
        } else if (scale < TrackCodec.POW10.length) {
            long[] unscaled = readIntegers(in, count);
            for (int i = 0; i < count; i++) {
                values[i] = unscaled[i] / TrackCodec.POW10[scale];
            }
        } else {
            throw new IllegalArgumentException("unknown scale " + scale);
        }
        if (present == null) {
            return values;
        }
        double[] column = new double[n];
        int v = 0;
        for (int i = 0; i < n; i++) {
            column[i] = (present[i >> 3] & (1 << (i & 7))) != 0 ? values[v++] : Double.NaN;
        }
        return column;
    }

    /**
     * The first {@code n} integers as differences of the order that writes fewer bytes. Differences
     * wrap around in two's complement and are undone the same way, so every long comes back.
     */
    private static void integers(TrackCodec.Output out, long[] values, int n) {
        long first = 0;
        long second = 0;
        long previous = 0;
        long previousDelta = 0;
        for (int i = 0; i < n; i++) {
            long delta = values[i] - previous;
            first += length(delta);
            second += length(delta - previousDelta);
            previous = values[i];
            previousDelta = delta;
        }
        int order = second < first ? 2 : 1;
        out.write(order);
        previous = 0;
        previousDelta = 0;
        for (int i = 0; i < n; i++) {
            long delta = values[i] - previous;
            out.signed(order == 1 ? delta : delta - previousDelta);
            previous = values[i];
            previousDelta = delta;
        }
    }

    private static long[] readIntegers(TrackCodec.Input in, int n) {
        int order = in.read();
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("unknown difference order " + order);
        }
        long[] values = new long[n];
        long previous = 0;
        long previousDelta = 0;
        for (int i = 0; i < n; i++) {
            long difference = in.signed();
            long delta = order == 1 ? difference : previousDelta + difference;
            previous += delta;
            values[i] = previous;
            previousDelta = delta;
        }
        return values;
    }

    /** The bytes of {@code value} as a zig-zag varint. */
    private static int length(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((zigZag & ~0x7FL) != 0) {
            zigZag >>>= 7;
            bytes++;
        }
        return bytes;
    }
}

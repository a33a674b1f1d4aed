package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Samples;
import org.junit.jupiter.api.Test;

class SampleCodecProperties {

    private static final long START = 1_795_158_000_000L;

    /** Any times and doubles, gaps (NaN), extremes and 17-digit values included, come back bit for bit. */
    @Property(tries = 500)
    void roundTripsArbitrarySamplesExactly(
            @ForAll @IntRange(min = 0, max = 300) int n, @ForAll("seeds") long seed, @ForAll("valueSets") int kinds) {
        Random random = new Random(seed);
        long[] times = new long[n];
        long t = random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(1000) : START;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(3) == 0 ? random.nextInt(Integer.MAX_VALUE) : 1000;
            times[i] = t;
        }
        Map<SampleStream, double[]> streams = new EnumMap<>(SampleStream.class);
        SampleStream[] all = SampleStream.values();
        for (int s = 0; s < all.length; s++) {
            if ((kinds & (1 << s)) != 0) {
                streams.put(all[s], column(random, n));
            }
        }
        if (streams.isEmpty()) {
            streams.put(SampleStream.HEART_RATE, column(random, n));
        }
        Samples samples = Samples.of(times, streams);
        Samples decoded = SampleCodec.decode(SampleCodec.encode(samples));
        assertThat(decoded).isEqualTo(samples);
        assertThat(decoded.times()).containsExactly(times);
        for (SampleStream stream : samples.streams()) {
            double[] a = samples.column(stream);
            double[] b = decoded.column(stream);
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(b[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
            }
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Integer> valueSets() {
        return Arbitraries.integers().between(0, 31);
    }

    /** A column of one kind of value: whole, half steps, centimetres, any double, or extremes; some missing. */
    private static double[] column(Random random, int n) {
        int kind = random.nextInt(5);
        double[] values = new double[n];
        double level = random.nextInt(200);
        for (int i = 0; i < n; i++) {
            level += random.nextInt(7) - 3;
            values[i] = switch (kind) {
                case 0 -> level;
                case 1 -> level + (random.nextBoolean() ? 0.5 : 0);
                case 2 -> Math.round(level * 100 + random.nextInt(100)) / 100.0;
                case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                default ->
                    List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e300, 0.1, 250.0)
                            .get(random.nextInt(6));
            };
            if (random.nextInt(10) == 0) {
                values[i] = Double.NaN;
            }
        }
        return values;
    }

    /**
     * The size docs/api.md and ADR 0014 quote: an hour at 1 Hz with heart rate, cadence (half steps)
     * and distance (centimetres), as a watch records them.
     */
    @Test
    void anHourAtOneHertzTakesAFewBytesASample() {
        Samples hour = realisticHour();
        int bytes = SampleCodec.encode(hour).length;
        double perSample = bytes / (double) hour.size();
        System.out.printf(
                "samples codec: %d bytes for %d samples, %.2f bytes a sample%n", bytes, hour.size(), perSample);
        assertThat(perSample).isLessThan(6);
        assertThat(SampleCodec.decode(SampleCodec.encode(hour))).isEqualTo(hour);
    }

    /** Heart rate drifting 140-175, cadence 164-182 in half steps, pace 4:30-6:00 /km to the centimetre. */
    static Samples realisticHour() {
        Random random = new Random(42);
        int n = 3600;
        long[] times = new long[n];
        double[] heartRate = new double[n];
        double[] cadence = new double[n];
        double[] distance = new double[n];
        double hr = 140;
        double cad = 172;
        double metres = 0;
        double speed = 3.2;
        for (int i = 0; i < n; i++) {
            times[i] = START + 1000L * i;
            hr = Math.max(140, Math.min(175, hr + random.nextInt(3) - 1 + (i % 600 == 0 ? 1 : 0)));
            cad = Math.max(164, Math.min(182, cad + (random.nextInt(5) - 2) * 0.5));
            speed = Math.max(2.8, Math.min(3.7, speed + (random.nextDouble() - 0.5) * 0.1));
            metres += speed;
            heartRate[i] = random.nextInt(400) == 0 ? Double.NaN : hr;
            cadence[i] = cad;
            distance[i] = Math.round(metres * 100) / 100.0;
        }
        Map<SampleStream, double[]> streams = new EnumMap<>(SampleStream.class);
        streams.put(SampleStream.HEART_RATE, heartRate);
        streams.put(SampleStream.CADENCE, cadence);
        streams.put(SampleStream.DISTANCE_M, distance);
        return Samples.of(times, streams);
    }
}

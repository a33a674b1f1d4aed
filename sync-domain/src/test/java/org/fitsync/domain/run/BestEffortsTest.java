package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BestEffortsTest {

    /** Metres per degree of latitude on the sphere {@link RunFiguresCalculator} measures on. */
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    private static final long T0 = Instant.parse("2026-11-20T07:00:00Z").toEpochMilli();

    @Test
    void aFasterKilometreInsideASteady5kIsItsBestKilometre() {
        // 5 km north at 5:00/km, except the third kilometre at 4:00/km, and 10 s more at 5:00/km (so the
        // summed haversine distance is over 5 km whatever its rounding); a point a second.
        List<Double> speeds = metresPerSecond(List.of(300.0, 300.0, 240.0, 300.0, 300.0));
        speeds.addAll(Collections.nCopies(10, 1000 / 300.0));
        Track track = northwards(speeds);

        Map<BestEffortDistance, BestEffort> efforts = byDistance(BestEfforts.of(track, Optional.empty()));

        assertThat(efforts)
                .containsOnlyKeys(
                        BestEffortDistance.M400, BestEffortDistance.K1, BestEffortDistance.MILE, BestEffortDistance.K5);
        BestEffort km = efforts.get(BestEffortDistance.K1);
        assertThat(km.elapsedMs()).isCloseTo(240_000, within(50L));
        assertThat(km.startedAt().toEpochMilli() - T0).isCloseTo(600_000, within(50L));
        assertThat(km.paceSPerKm()).isCloseTo(240, within(0.1));
        // 400 m anywhere inside the fast kilometre: 96 s.
        BestEffort m400 = efforts.get(BestEffortDistance.M400);
        assertThat(m400.elapsedMs()).isCloseTo(96_000, within(50L));
        assertThat(m400.startedAt().toEpochMilli() - T0).isBetween(599_950L, 744_050L);
        // The mile: the fast kilometre plus 609.344 m at 5:00/km.
        assertThat(efforts.get(BestEffortDistance.MILE).elapsedMs()).isCloseTo(422_803, within(50L));
        assertThat(efforts.get(BestEffortDistance.K5).elapsedMs()).isCloseTo(1_440_000, within(50L));
        assertThat(efforts.get(BestEffortDistance.K5).startedAt().toEpochMilli() - T0)
                .isBetween(0L, 10_000L);
    }

    @Test
    void anEffortStartsAndEndsInsideSegmentsSoItsDistanceIsExact() {
        // Points 150 m apart every 60 s (2.5 m/s): 400 m takes 160 s, not the 180 s of three segments.
        long[] times = {0, 60_000, 120_000, 180_000, 240_000};
        double[] metres = {0, 150, 300, 450, 600};

        BestEffort effort =
                BestEfforts.of(times, metres, BestEffortDistance.M400).orElseThrow();

        assertThat(effort.elapsedMs()).isEqualTo(160_000);
    }

    @Test
    void aStopBeforeTheEffortDoesNotCountButAStopInsideItDoes() {
        // 200 m in 50 s, standing for 100 s, then 400 m in 100 s.
        long[] times = {0, 50_000, 150_000, 250_000};
        double[] metres = {0, 200, 200, 600};
        BestEffort effort =
                BestEfforts.of(times, metres, BestEffortDistance.M400).orElseThrow();
        assertThat(effort.elapsedMs()).isEqualTo(100_000);
        assertThat(effort.startedAt().toEpochMilli()).isEqualTo(150_000);

        // 200 m, standing 100 s, 200 m: the stop is inside the only 400 m there is.
        long[] paused = {0, 50_000, 150_000, 200_000};
        double[] pausedMetres = {0, 200, 200, 400};
        assertThat(BestEfforts.of(paused, pausedMetres, BestEffortDistance.M400)
                        .orElseThrow()
                        .elapsedMs())
                .isEqualTo(200_000);
    }

    @Test
    void aRunShorterThanADistanceHasNoEffortForIt() {
        long[] times = {0, 100_000};
        double[] metres = {0, 399.9};
        assertThat(BestEfforts.of(times, metres, BestEffortDistance.M400)).isEmpty();
        assertThat(BestEfforts.of(Track.EMPTY, Optional.empty())).isEmpty();
    }

    @Test
    void withoutATrackTheDistanceStreamIsUsed() {
        int seconds = 1200;
        long[] times = new long[seconds];
        double[] distance = new double[seconds];
        double[] heartRate = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            times[i] = T0 + 1000L * i;
            // 4 m/s (4.8 km in all); a missing reading every tenth second.
            distance[i] = i % 10 == 5 ? Double.NaN : 4.0 * i;
            heartRate[i] = 150;
        }
        Samples samples =
                Samples.of(times, Map.of(SampleStream.DISTANCE_M, distance, SampleStream.HEART_RATE, heartRate));

        Map<BestEffortDistance, BestEffort> efforts = byDistance(BestEfforts.of(Track.EMPTY, Optional.of(samples)));

        assertThat(efforts).containsOnlyKeys(BestEffortDistance.M400, BestEffortDistance.K1, BestEffortDistance.MILE);
        assertThat(efforts.get(BestEffortDistance.K1).elapsedMs()).isEqualTo(250_000);
        assertThat(efforts.get(BestEffortDistance.M400).elapsedMs()).isEqualTo(100_000);
    }

    @Test
    void aGpsJumpOrADistanceGlitchIsNoProgress() {
        // 600 s at 3 m/s with a point 500 m off the line at second 300: 1000 m out and back in 2 s.
        List<Double> speeds = new ArrayList<>(Collections.nCopies(600, 3.0));
        Track.Builder track = Track.builder(601);
        double north = 0;
        for (int i = 0; i <= 600; i++) {
            double spike = i == 300 ? 500 : 0;
            track.add(T0 + 1000L * i, 52.5 + (north + spike) / METRES_PER_DEGREE, 13.4);
            north += i < 600 ? speeds.get(i) : 0;
        }
        Map<BestEffortDistance, BestEffort> efforts = byDistance(BestEfforts.of(track.build(), Optional.empty()));
        assertThat(efforts.get(BestEffortDistance.M400).elapsedMs()).isCloseTo(133_333, within(700L));
        // The mile cannot avoid the jump: it takes its 2 s without their 6 m, never the 1,000 m jumped.
        assertThat(efforts.get(BestEffortDistance.MILE).elapsedMs())
                .isCloseTo(Math.round(1609.344 / 3 * 1000) + 2000, within(700L));

        // A distance stream that reads 0 for one sample and then goes on: neither the step back nor the
        // 903 m step up after it is progress; as with the jump, an effort across it takes 2 s for 0 m.
        long[] times = new long[600];
        double[] distance = new double[600];
        for (int i = 0; i < 600; i++) {
            times[i] = T0 + 1000L * i;
            distance[i] = i == 300 ? 0 : 3.0 * i;
        }
        Samples samples = Samples.of(times, Map.of(SampleStream.DISTANCE_M, distance));
        Map<BestEffortDistance, BestEffort> fromSamples = byDistance(BestEfforts.of(Track.EMPTY, Optional.of(samples)));
        assertThat(fromSamples.get(BestEffortDistance.M400).elapsedMs()).isCloseTo(133_333, within(1L));
        assertThat(fromSamples.get(BestEffortDistance.K1).elapsedMs()).isCloseTo(335_333, within(1L));
    }

    /** Seconds per kilometre for each kilometre, as speeds a second at a time. */
    private static List<Double> metresPerSecond(List<Double> secondsPerKm) {
        List<Double> speeds = new ArrayList<>();
        for (double pace : secondsPerKm) {
            for (int s = 0; s < pace; s++) {
                speeds.add(1000 / pace);
            }
        }
        return speeds;
    }

    private static Track northwards(List<Double> speeds) {
        Track.Builder track = Track.builder(speeds.size() + 1);
        double north = 0;
        track.add(T0, 52.5, 13.4);
        for (int i = 0; i < speeds.size(); i++) {
            north += speeds.get(i);
            track.add(T0 + 1000L * (i + 1), 52.5 + north / METRES_PER_DEGREE, 13.4);
        }
        return track.build();
    }

    private static Map<BestEffortDistance, BestEffort> byDistance(List<BestEffort> efforts) {
        Map<BestEffortDistance, BestEffort> map = new EnumMap<>(BestEffortDistance.class);
        efforts.forEach(effort -> map.put(effort.distance(), effort));
        return map;
    }
}

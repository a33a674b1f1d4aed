package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunFiguresCalculatorTest {

    private static final long T0 = 1_795_158_000_000L;
    private static final double METRES_PER_DEGREE = 111_195.0;

    @Test
    void aStopInTheMiddleIsNotMovingTime() {
        Track.Builder track = Track.builder(700);
        double north = 0;
        for (int i = 0; i < 700; i++) {
            boolean stopped = i >= 300 && i < 400; // 100 s at a traffic light
            north += stopped ? 0 : 3;
            track.add(T0 + 1000L * i, 52.5 + north / METRES_PER_DEGREE, 13.4, 30);
        }

        RunFigures figures = RunFiguresCalculator.of(track.build(), Optional.empty(), 699, 1800);

        // 699 s elapsed; the 100 s stop, and the first 3 s before 10 m are covered, are not moving.
        assertThat(figures.movingTimeS()).isBetween(590L, 600L);
        assertThat(figures.avgPaceSPerKm().getAsDouble())
                .isEqualTo(Math.round(figures.movingTimeS() / 1.8 * 10) / 10.0);
    }

    @Test
    void aRunWithoutTrackOrDistanceStreamKeepsItsDeclaredMovingTime() {
        RunFigures figures = RunFiguresCalculator.of(Track.EMPTY, Optional.empty(), 2710, 10_012.5);

        assertThat(figures.movingTimeS()).isEqualTo(2710);
        assertThat(figures.elevationGainM()).isEmpty();
        assertThat(figures.elevationLossM()).isEmpty();
        assertThat(figures.avgHeartRate()).isEmpty();
        assertThat(figures.maxHeartRate()).isEmpty();
        assertThat(figures.avgCadence()).isEmpty();
        assertThat(figures.avgPaceSPerKm()).hasValue(270.7);
    }

    @Test
    void aTreadmillRunMovesByItsDistanceStreamAndAveragesItsHeartRateAndCadence() {
        long[] times = new long[120];
        double[] distance = new double[120];
        double[] heartRate = new double[120];
        double[] cadence = new double[120];
        for (int i = 0; i < 120; i++) {
            times[i] = T0 + 1000L * i;
            boolean standing = i >= 60; // the belt stopped after a minute
            distance[i] = standing ? 59 * 3 : i * 3;
            heartRate[i] = i == 10 ? Double.NaN : 140 + (i % 3);
            cadence[i] = standing ? 0 : 170;
        }
        Samples samples = Samples.of(
                times,
                Map.of(
                        SampleStream.DISTANCE_M, distance,
                        SampleStream.HEART_RATE, heartRate,
                        SampleStream.CADENCE, cadence));

        RunFigures figures = RunFiguresCalculator.of(Track.EMPTY, Optional.of(samples), 119, 177);

        // A minute of belt, less the first seconds before 10 m are covered, plus the seconds the
        // trailing 10 s window still sees the runner moving after the stop.
        assertThat(figures.movingTimeS()).isBetween(55L, 66L);
        assertThat(figures.maxHeartRate()).isEqualTo(OptionalInt.of(142));
        assertThat(figures.avgHeartRate()).isEqualTo(OptionalDouble.of(141.0));
        assertThat(figures.avgCadence())
                .as("zeros of a standing runner are no cadence")
                .hasValue(170.0);
        assertThat(figures.elevationGainM()).isEmpty();
    }

    @Test
    void elevationNoiseOnAFlatRunIsNoClimbButARealHillIs() {
        Track.Builder track = Track.builder(1000);
        for (int i = 0; i < 1000; i++) {
            double noise = (i * 7919 % 23) / 10.0; // 0..2.2 m of jitter
            double hill = i >= 400 && i < 500 ? (i - 400) * 0.4 : i >= 500 && i < 600 ? (600 - i) * 0.4 : 0;
            track.add(T0 + 1000L * i, 52.5 + i * 3 / METRES_PER_DEGREE, 13.4, 50 + noise + hill);
        }

        RunFigures figures = RunFiguresCalculator.of(track.build(), Optional.empty(), 999, 3000);

        // The 40 m hill, give or take the jitter at its foot and top.
        assertThat(figures.elevationGainM().getAsDouble()).isBetween(37.0, 43.0);
        assertThat(figures.elevationLossM().getAsDouble()).isBetween(37.0, 43.0);
    }

    @Test
    void pointsWithoutElevationAreSkipped() {
        Track track = Track.builder(3)
                .add(T0, 52.5, 13.4)
                .add(T0 + 1000, 52.50003, 13.4)
                .add(T0 + 2000, 52.50006, 13.4)
                .build();

        assertThat(RunFiguresCalculator.of(track, Optional.empty(), 2, 6).elevationGainM())
                .isEmpty();
    }
}

package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RunFiguresProperties {

    private static final double METRES_PER_DEGREE = 111_195.0;

    @Property(tries = 200)
    void movingTimeIsNeverMoreThanTheTracksElapsedTime(
            @ForAll @Size(min = 2, max = 400) List<@IntRange(min = 0, max = 20_000) Integer> gapsMs,
            @ForAll @Size(min = 2, max = 400) List<@DoubleRange(min = -30, max = 30) Double> stepsMetres) {
        Track.Builder track = Track.builder(gapsMs.size());
        long time = 1_795_158_000_000L;
        double north = 0;
        for (int i = 0; i < gapsMs.size(); i++) {
            time += gapsMs.get(i);
            north += stepsMetres.get(i % stepsMetres.size());
            track.add(time, 52.5 + north / METRES_PER_DEGREE, 13.4);
        }
        Track built = track.build();
        long elapsedMs = built.epochMs(built.size() - 1) - built.epochMs(0);

        RunFigures figures = RunFiguresCalculator.of(built, Optional.empty(), 99_999, 1000);

        assertThat(figures.movingTimeS()).isBetween(0L, Math.round(elapsedMs / 1000.0));
    }

    @Property(tries = 200)
    void standingStillWithGpsJitterIsNotMoving(
            @ForAll @Size(min = 2, max = 600) List<@DoubleRange(min = -4.9, max = 4.9) Double> jitterNorth,
            @ForAll @DoubleRange(min = -4.9, max = 4.9) double jitterEast,
            @ForAll @DoubleRange(min = -60, max = 60) double lat) {
        // Within a 5 m radius of one spot, no two fixes are 10 m apart: under 1 m/s over 10 s.
        Track.Builder track = Track.builder(jitterNorth.size());
        double metresPerLonDegree = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
        for (int i = 0; i < jitterNorth.size(); i++) {
            double east = (i % 2 == 0 ? jitterEast : -jitterEast) * 0.5;
            double north = jitterNorth.get(i) * 0.85;
            track.add(
                    1_795_158_000_000L + 1000L * i, lat + north / METRES_PER_DEGREE, 13.4 + east / metresPerLonDegree);
        }

        assertThat(RunFiguresCalculator.of(track.build(), Optional.empty(), 600, 0)
                        .movingTimeS())
                .isZero();
    }

    @Property(tries = 200)
    void runningSteadilyIsMovingAllTheWay(
            @ForAll @IntRange(min = 2, max = 3600) int points,
            @ForAll @DoubleRange(min = 1.5, max = 8) double speedMps) {
        Track.Builder track = Track.builder(points);
        for (int i = 0; i < points; i++) {
            track.add(1_795_158_000_000L + 1000L * i, 52.5 + i * speedMps / METRES_PER_DEGREE, 13.4);
        }

        long moving = RunFiguresCalculator.of(track.build(), Optional.empty(), 0, 1000)
                .movingTimeS();

        // Only the first seconds, before the runner has covered a full window's distance, are not counted.
        assertThat(moving).isBetween(Math.max(0, points - 1 - (long) Math.ceil(10 / speedMps)), points - 1L);
    }
}

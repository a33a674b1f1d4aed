package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class ElevationChangeProperties {

    private static final double H = RunFiguresCalculator.ELEVATION_HYSTERESIS_M;

    @Property(tries = 300)
    void noiseWithinTheHysteresisNeverCounts(
            @ForAll @DoubleRange(min = -2000, max = 8000) double base,
            @ForAll @Size(min = 1, max = 500) List<@DoubleRange(min = 0, max = 0.99) Double> noise) {
        ElevationChange change = new ElevationChange(H);
        for (double fraction : noise) {
            change.add(base + fraction * H);
        }

        assertThat(change.gainM()).isZero();
        assertThat(change.lossM()).isZero();
    }

    @Property(tries = 300)
    void aMonotoneClimbGainsExactlyItsHeight(
            @ForAll @DoubleRange(min = -400, max = 4000) double start,
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 20) Double> steps) {
        ElevationChange change = new ElevationChange(H);
        double elevation = start;
        change.add(elevation);
        for (double step : steps) {
            elevation += step;
            change.add(elevation);
        }
        double height = elevation - start;

        assertThat(change.lossM()).isZero();
        if (height >= H) {
            assertThat(change.gainM()).isCloseTo(height, within(1e-6));
        } else {
            assertThat(change.gainM()).isZero();
        }
    }

    @Property(tries = 300)
    void aMonotoneDescentLosesExactlyItsHeight(
            @ForAll @DoubleRange(min = -400, max = 4000) double start,
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 20) Double> steps) {
        ElevationChange change = new ElevationChange(H);
        double elevation = start;
        change.add(elevation);
        for (double step : steps) {
            elevation -= step;
            change.add(elevation);
        }

        assertThat(change.gainM()).isZero();
        double depth = start - elevation;
        assertThat(change.lossM()).isCloseTo(depth >= H ? depth : 0, within(1e-6));
    }

    @Property(tries = 300)
    void gainMinusLossIsTheNetChangeWithinTwoHystereses(
            @ForAll @Size(min = 1, max = 500) List<@DoubleRange(min = -100, max = 100) Double> elevations) {
        ElevationChange change = new ElevationChange(H);
        elevations.forEach(change::add);
        double net = elevations.get(elevations.size() - 1) - elevations.get(0);

        assertThat(change.gainM()).isGreaterThanOrEqualTo(0);
        assertThat(change.lossM()).isGreaterThanOrEqualTo(0);
        assertThat(change.gainM() - change.lossM()).isCloseTo(net, within(2 * H));
    }

    @Property(tries = 300)
    void neverMoreThanThePathWithoutHysteresis(
            @ForAll @Size(min = 1, max = 500) List<@DoubleRange(min = -100, max = 100) Double> elevations) {
        ElevationChange change = new ElevationChange(H);
        elevations.forEach(change::add);
        double up = 0;
        double down = 0;
        for (int i = 1; i < elevations.size(); i++) {
            double step = elevations.get(i) - elevations.get(i - 1);
            up += Math.max(step, 0);
            down += Math.max(-step, 0);
        }

        assertThat(change.gainM()).isLessThanOrEqualTo(up + 1e-6);
        assertThat(change.lossM()).isLessThanOrEqualTo(down + 1e-6);
    }
}

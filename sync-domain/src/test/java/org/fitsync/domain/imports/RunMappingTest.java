package org.fitsync.domain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.fitsync.domain.run.TrackPoint;
import org.junit.jupiter.api.Test;

/** How a Strava activity becomes a run (docs/api.md, Strava import: mapping). */
class RunMappingTest {

    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");
    private static final List<TrackPoint> TRACK = List.of(
            new TrackPoint(START.toEpochMilli(), 52.52, 13.40, OptionalDouble.of(34.2)),
            new TrackPoint(START.toEpochMilli() + 1000, 52.5201, 13.4001, OptionalDouble.empty()));

    private static ProviderActivity activity(String sport, long elapsed, long moving, double distance) {
        return new ProviderActivity(
                "123456",
                "Morning " + sport,
                sport,
                START,
                elapsed,
                moving,
                distance,
                Optional.of(new ProviderActivity.LatLon(52.52, 13.40)));
    }

    @Test
    void runsAndTrailRunsKeepTheirTrackVirtualRunsHaveNone() {
        for (String sport : List.of("Run", "TrailRun")) {
            RunMapping.Mapped mapped = RunMapping.map(activity(sport, 2710, 2650, 10012.5), TRACK, Optional.empty());
            assertThat(mapped).isInstanceOf(RunMapping.Mapped.Run.class);
            assertThat(((RunMapping.Mapped.Run) mapped).run().track()).isEqualTo(TRACK);
        }
        RunMapping.Mapped virtual = RunMapping.map(activity("VirtualRun", 1800, 1800, 5000), TRACK, Optional.empty());
        assertThat(((RunMapping.Mapped.Run) virtual).run().track()).isEmpty();
        assertThat(RunMapping.wantsTrack(activity("VirtualRun", 1800, 1800, 5000)))
                .isFalse();
    }

    @Test
    void everythingElseIsNotARun() {
        for (String sport : List.of("Ride", "Swim", "Walk", "Hike", "WeightTraining", "run", "")) {
            assertThat(RunMapping.map(activity(sport, 100, 100, 100), List.of(), Optional.empty()))
                    .isEqualTo(new RunMapping.Mapped.NotARun(sport));
        }
    }

    @Test
    void anActivityWithoutElapsedTimeIsInvalid() {
        assertThat(RunMapping.map(activity("Run", 0, 0, 0), List.of(), Optional.empty()))
                .isInstanceOf(RunMapping.Mapped.Invalid.class);
    }

    @Property
    void fieldsMapAsTheContractSays(
            @ForAll @LongRange(min = 1, max = 172_800) long elapsed,
            @ForAll @LongRange(min = -10, max = 200_000) long moving,
            @ForAll @DoubleRange(min = 0, max = 1_000_000) double distance) {
        RunMapping.Mapped mapped = RunMapping.map(
                activity("Run", elapsed, moving, distance), List.of(), Optional.of("{\"temperature_c\":4.2}"));
        ImportedRun run = ((RunMapping.Mapped.Run) mapped).run();
        assertThat(run.startedAt()).isEqualTo(START);
        assertThat(run.endedAt()).isEqualTo(START.plusSeconds(elapsed));
        assertThat(run.durationS()).isBetween(0L, elapsed);
        if (moving >= 0 && moving <= elapsed) {
            assertThat(run.durationS()).isEqualTo(moving);
        }
        assertThat(run.distanceM()).isEqualTo(distance);
        assertThat(run.stravaId()).isEqualTo("123456");
        assertThat(run.sportType()).isEqualTo("Run");
        assertThat(run.name()).isEqualTo("Morning Run");
        assertThat(run.weather()).contains("{\"temperature_c\":4.2}");
    }
}

package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackTest {

    private static final List<TrackPoint> POINTS = List.of(
            TrackPoint.of(1_000, 52.52001, 13.40495, 34.2),
            TrackPoint.withoutElevation(2_000, 52.52003, 13.40501),
            TrackPoint.of(3_000, -0.0, 0.0, -0.0));

    @Test
    void aBuiltTrackEqualsTheTrackOfTheSamePoints() {
        Track.Builder builder = Track.builder(1);
        builder.add(1_000, 52.52001, 13.40495, 34.2)
                .add(2_000, 52.52003, 13.40501)
                .add(3_000, -0.0, 0.0, -0.0);
        Track built = builder.build();

        assertThat(built).isEqualTo(new Track(POINTS)).hasSameHashCodeAs(new Track(POINTS));
        assertThat(built.points()).containsExactlyElementsOf(POINTS);
        assertThat(built.size()).isEqualTo(3);
        assertThat(built.hasElevation(1)).isFalse();
        assertThat(built.point(2)).isEqualTo(TrackPoint.of(3_000, -0.0, 0.0, -0.0));
    }

    @Test
    void equalityIsBitForBitAndSeesMissingElevations() {
        Track track = new Track(POINTS);
        assertThat(track)
                .isNotEqualTo(new Track(List.of(POINTS.get(0), POINTS.get(1), TrackPoint.of(3_000, 0.0, 0.0, -0.0))));
        assertThat(track)
                .isNotEqualTo(new Track(
                        List.of(POINTS.get(0), POINTS.get(1), TrackPoint.withoutElevation(3_000, -0.0, 0.0))));
        assertThat(new Track(List.of(TrackPoint.withoutElevation(1, 2, 3))))
                .isNotEqualTo(new Track(List.of(TrackPoint.of(1, 2, 3, 0))));
        assertThat(new Track(List.of())).isEqualTo(Track.EMPTY);
    }

    @Test
    void aNonFiniteElevationIsKeptForValidationToRefuse() {
        Track track = new Track(List.of(TrackPoint.of(1, 0, 0, Double.NaN)));
        assertThat(track.hasElevation(0)).isTrue();
        assertThat(track.elevationM(0)).isNaN();
    }

    @Test
    void theTrackCannotBeChangedThroughItsBuilderOrItsPoints() {
        Track.Builder builder = Track.builder(4);
        builder.add(1, 2, 3);
        Track track = builder.build();
        assertThatThrownBy(() -> builder.add(4, 5, 6)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> track.points().add(TrackPoint.withoutElevation(4, 5, 6)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(track.size()).isEqualTo(1);
    }
}

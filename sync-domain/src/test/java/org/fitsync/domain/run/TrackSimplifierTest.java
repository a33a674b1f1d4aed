package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackSimplifierTest {

    private static final double METRES_PER_DEGREE_LAT = 111_195.0;

    @Test
    void straightLineCollapsesToItsEnds() {
        List<LatLon> kept = new TrackSimplifier(5).simplify(new Track(Runs.line(3600)));
        assertThat(kept).containsExactly(new LatLon(52.5, 13.4), new LatLon(52.5 + 3599e-5, 13.4 + 3599e-5));
    }

    @Test
    void toleranceIsInMetresNotDegrees() {
        // An eastward line at 60° N with one point pushed 3 m or 10 m north: 3 m is within 5 m, 10 m is not.
        assertThat(new TrackSimplifier(5).simplify(new Track(bump(3)))).hasSize(2);
        assertThat(new TrackSimplifier(5).simplify(new Track(bump(10)))).hasSize(3);
        assertThat(new TrackSimplifier(2).simplify(new Track(bump(3)))).hasSize(3);
    }

    @Test
    void longitudeIsScaledByLatitude() {
        // At 60° N a degree of longitude is half as long as a degree of latitude: a 6 m eastward bump
        // is dropped at 7 m tolerance only if longitude is scaled by cos(latitude) (unscaled it is 12 m).
        List<TrackPoint> points = new ArrayList<>();
        double metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(60));
        points.add(TrackPoint.withoutElevation(0, 60.0, 10.0));
        points.add(TrackPoint.withoutElevation(1000, 60.0005, 10.0 + 6 / metresPerDegreeLon));
        points.add(TrackPoint.withoutElevation(2000, 60.001, 10.0));
        assertThat(new TrackSimplifier(5).simplify(new Track(points))).hasSize(3);
        assertThat(new TrackSimplifier(7).simplify(new Track(points))).hasSize(2);
    }

    @Test
    void keepsTheCornerOfARightAngle() {
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            points.add(TrackPoint.withoutElevation(i * 1000L, 52.5, 13.4 + i * 1e-4));
        }
        for (int i = 1; i <= 100; i++) {
            points.add(TrackPoint.withoutElevation((100 + i) * 1000L, 52.5 + i * 1e-4, 13.41));
        }
        assertThat(new TrackSimplifier(5).simplify(new Track(points)))
                .containsExactly(new LatLon(52.5, 13.4), new LatLon(52.5, 13.41), new LatLon(52.51, 13.41));
    }

    @Test
    void tinyTracksAreKeptAsTheyAre() {
        assertThat(new TrackSimplifier(5).simplify(Track.EMPTY)).isEmpty();
        assertThat(new TrackSimplifier(5).simplify(new Track(Runs.line(1)))).hasSize(1);
    }

    @Test
    void standingStillKeepsBothEnds() {
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(TrackPoint.withoutElevation(i * 1000L, 52.5, 13.4));
        }
        assertThat(new TrackSimplifier(5).simplify(new Track(points))).hasSizeBetween(1, 2)
                .allMatch(p -> p.equals(new LatLon(52.5, 13.4)));
    }

    private static List<TrackPoint> bump(double metresNorth) {
        List<TrackPoint> points = new ArrayList<>();
        points.add(TrackPoint.withoutElevation(0, 60.0, 10.0));
        points.add(TrackPoint.withoutElevation(1000, 60.0 + metresNorth / METRES_PER_DEGREE_LAT, 10.001));
        points.add(TrackPoint.withoutElevation(2000, 60.0, 10.002));
        return points;
    }
}

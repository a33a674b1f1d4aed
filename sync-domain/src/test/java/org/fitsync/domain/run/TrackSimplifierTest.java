package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

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
        assertThat(new TrackSimplifier(5).simplify(new Track(points)))
                .hasSizeBetween(1, 2)
                .allMatch(p -> p.equals(new LatLon(52.5, 13.4)));
    }

    @Test
    void keepsExactlyThePointsJtsKeeps() {
        Random random = new Random(7);
        for (int t = 0; t < 60; t++) {
            List<TrackPoint> points = randomWalk(random, 3 + random.nextInt(t < 50 ? 400 : 4000), random.nextInt(3));
            Track track = new Track(points);
            for (double tolerance : new double[] {0, 1, 5, 25}) {
                assertThat(new TrackSimplifier(tolerance).simplify(track))
                        .as("track %d, tolerance %s", t, tolerance)
                        .isEqualTo(jts(points, tolerance));
            }
        }
    }

    /** A jogger's walk with GPS jitter; style 1 stands still now and then, style 2 crosses the antimeridian. */
    private static List<TrackPoint> randomWalk(Random random, int n, int style) {
        double lat = style == 2 ? -16.8 : 52.5;
        double lon = style == 2 ? 179.99 : 13.4;
        double heading = random.nextDouble() * 2 * Math.PI;
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            heading += (random.nextDouble() - 0.5) * 0.4;
            if (style != 1 || random.nextInt(4) != 0) {
                lat += Math.cos(heading) * 3 / 111_195 + random.nextGaussian() * 2e-6;
                lon += Math.sin(heading) * 3 / 70_000 + random.nextGaussian() * 2e-6;
            }
            double wrapped = lon > 180 ? lon - 360 : lon;
            points.add(TrackPoint.withoutElevation(
                    i * 1000L, Math.round(lat * 1e7) / 1e7, Math.round(wrapped * 1e7) / 1e7));
        }
        return points;
    }

    /** The reference: JTS's Douglas-Peucker on the same projection, Z carrying each point's index. */
    private static List<LatLon> jts(List<TrackPoint> points, double tolerance) {
        double lat0 = Math.toRadians(
                points.stream().mapToDouble(TrackPoint::lat).average().orElse(0));
        double lon0 = points.get(0).lon();
        Coordinate[] projected = new Coordinate[points.size()];
        for (int i = 0; i < projected.length; i++) {
            double d = points.get(i).lon() - lon0;
            d = d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
            projected[i] = new Coordinate(
                    6_371_008.8 * Math.toRadians(d) * Math.cos(lat0),
                    6_371_008.8 * Math.toRadians(points.get(i).lat()),
                    i);
        }
        DouglasPeuckerSimplifier simplifier =
                new DouglasPeuckerSimplifier(new GeometryFactory().createLineString(projected));
        simplifier.setDistanceTolerance(tolerance);
        simplifier.setEnsureValid(false);
        List<LatLon> kept = new ArrayList<>();
        for (Coordinate c : simplifier.getResultGeometry().getCoordinates()) {
            TrackPoint p = points.get((int) c.getZ());
            kept.add(new LatLon(p.lat(), p.lon()));
        }
        return kept;
    }

    private static List<TrackPoint> bump(double metresNorth) {
        List<TrackPoint> points = new ArrayList<>();
        points.add(TrackPoint.withoutElevation(0, 60.0, 10.0));
        points.add(TrackPoint.withoutElevation(1000, 60.0 + metresNorth / METRES_PER_DEGREE_LAT, 10.001));
        points.add(TrackPoint.withoutElevation(2000, 60.0, 10.002));
        return points;
    }
}

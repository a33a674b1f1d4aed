package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Douglas-Peucker simplification of a track with a tolerance in metres. JTS works in plane units,
 * so the points are first projected onto a local equirectangular plane in metres around the
 * track's mean latitude (accurate to well under a metre over a run's extent); degrees are never
 * used as metres. Each projected coordinate carries its original index in Z, so the kept points
 * are returned with their exact original latitude and longitude.
 */
public final class TrackSimplifier {

    public static final double DEFAULT_TOLERANCE_M = 5.0;
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double toleranceMetres;
    private final GeometryFactory geometries = new GeometryFactory();

    public TrackSimplifier(double toleranceMetres) {
        if (!(toleranceMetres >= 0) || Double.isInfinite(toleranceMetres)) {
            throw new IllegalArgumentException("tolerance must be a finite number of metres, at least 0");
        }
        this.toleranceMetres = toleranceMetres;
    }

    public double toleranceMetres() {
        return toleranceMetres;
    }

    public List<LatLon> simplify(Track track) {
        List<TrackPoint> points = track.points();
        if (points.size() < 3) {
            return points.stream().map(p -> new LatLon(p.lat(), p.lon())).toList();
        }
        double lat0 = Math.toRadians(points.stream().mapToDouble(TrackPoint::lat).average().orElse(0));
        double lon0 = points.get(0).lon();
        double cosLat0 = Math.cos(lat0);
        Coordinate[] projected = new Coordinate[points.size()];
        for (int i = 0; i < projected.length; i++) {
            TrackPoint p = points.get(i);
            double x = EARTH_RADIUS_M * Math.toRadians(longitudeDelta(p.lon(), lon0)) * cosLat0;
            double y = EARTH_RADIUS_M * Math.toRadians(p.lat());
            projected[i] = new Coordinate(x, y, i);
        }
        DouglasPeuckerSimplifier simplifier =
                new DouglasPeuckerSimplifier(geometries.createLineString(projected));
        simplifier.setDistanceTolerance(toleranceMetres);
        simplifier.setEnsureValid(false);
        Geometry simplified = simplifier.getResultGeometry();
        List<LatLon> kept = new ArrayList<>();
        for (Coordinate c : simplified.getCoordinates()) {
            TrackPoint original = points.get((int) c.getZ());
            kept.add(new LatLon(original.lat(), original.lon()));
        }
        if (kept.isEmpty()) {
            // A track that stands still collapses entirely; its ends still mark where it was.
            kept.add(new LatLon(points.get(0).lat(), points.get(0).lon()));
            TrackPoint last = points.get(points.size() - 1);
            kept.add(new LatLon(last.lat(), last.lon()));
        }
        return kept;
    }

    /** Longitude difference in (-180, 180], so a track across the antimeridian stays contiguous. */
    private static double longitudeDelta(double lon, double lon0) {
        double d = lon - lon0;
        if (d > 180) {
            d -= 360;
        } else if (d <= -180) {
            d += 360;
        }
        return d;
    }
}

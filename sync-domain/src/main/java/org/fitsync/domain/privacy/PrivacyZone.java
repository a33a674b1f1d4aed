package org.fitsync.domain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.run.RunFiguresCalculator;

/**
 * A circle a user keeps off every view of their runs that leaves their own: a centre in degrees
 * (WGS 84) and a radius of {@value #MIN_RADIUS_M} to {@value #MAX_RADIUS_M} metres.
 */
public record PrivacyZone(double lat, double lon, int radiusM) {

    public static final int MIN_RADIUS_M = 100;
    public static final int MAX_RADIUS_M = 2000;

    /**
     * How far beyond its radius a zone still hides a point. A served polyline rounds every point to
     * 1e-5 degrees (at most about 0.8 m away), so a point kept just outside the edge could otherwise
     * come back from the polyline just inside it.
     */
    public static final double EDGE_MARGIN_M = 2.0;

    public PrivacyZone {
        FieldError.requireNone(errors("zone", lat, lon, radiusM));
    }

    /** What is wrong with a zone with these values, its fields named under {@code field}. */
    public static List<FieldError> errors(String field, double lat, double lon, long radiusM) {
        List<FieldError> errors = new ArrayList<>();
        if (!(lat >= -90 && lat <= 90)) {
            errors.add(new FieldError(field + ".lat", "must be a latitude from -90 to 90"));
        }
        if (!(lon >= -180 && lon <= 180)) {
            errors.add(new FieldError(field + ".lon", "must be a longitude from -180 to 180"));
        }
        if (radiusM < MIN_RADIUS_M || radiusM > MAX_RADIUS_M) {
            errors.add(new FieldError(
                    field + ".radius_m",
                    "must be a whole number of metres from " + MIN_RADIUS_M + " to " + MAX_RADIUS_M));
        }
        return errors;
    }

    /** Whether the zone hides a point at this position (its edge margin included). */
    public boolean hides(double pointLat, double pointLon) {
        return RunFiguresCalculator.metresBetween(lat, lon, pointLat, pointLon) <= radiusM + EDGE_MARGIN_M;
    }
}

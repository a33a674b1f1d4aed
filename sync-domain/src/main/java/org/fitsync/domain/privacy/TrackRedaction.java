package org.fitsync.domain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.Track;

/**
 * Cuts what a user hides out of a track. A point is removed when it lies within a zone, or closer than
 * {@code hide_start_end_m} (as the crow flies) to where the run started or ended: the track's first
 * and last {@code hide_start_end_m} lie within that distance of its ends, so they go, and so does a
 * later pass near the start. Each reach is widened by {@link PrivacyZone#EDGE_MARGIN_M} for the
 * polyline's rounding.
 *
 * <p>The points left are split into segments wherever something was removed between two of them, and
 * also where the straight line between two consecutive points crosses a hidden circle (sparse GPS can
 * step over a small zone): a segment's lines never enter one. The raw track is never changed.
 */
public final class TrackRedaction {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private TrackRedaction() {}

    public static RedactedTrack apply(Track track, PrivacySettings settings) {
        if (settings.hidesNothing() || track.isEmpty()) {
            return RedactedTrack.whole(track);
        }
        List<Circle> hidden = circles(track, settings);
        List<Track> segments = new ArrayList<>();
        Track.Builder segment = null;
        int previousKept = -2;
        for (int i = 0; i < track.size(); i++) {
            if (inAny(hidden, track.lat(i), track.lon(i))) {
                continue;
            }
            boolean continues = previousKept == i - 1
                    && !crossesAny(hidden, track.lat(i - 1), track.lon(i - 1), track.lat(i), track.lon(i));
            if (!continues && segment != null) {
                segments.add(segment.build());
                segment = null;
            }
            if (segment == null) {
                segment = Track.builder(64);
            }
            if (track.hasElevation(i)) {
                segment.add(track.epochMs(i), track.lat(i), track.lon(i), track.elevationM(i));
            } else {
                segment.add(track.epochMs(i), track.lat(i), track.lon(i));
            }
            previousKept = i;
        }
        if (segment != null) {
            segments.add(segment.build());
        }
        return new RedactedTrack(segments);
    }

    private static List<Circle> circles(Track track, PrivacySettings settings) {
        List<Circle> circles = new ArrayList<>();
        for (PrivacyZone zone : settings.zones()) {
            circles.add(new Circle(zone.lat(), zone.lon(), zone.radiusM() + PrivacyZone.EDGE_MARGIN_M));
        }
        if (settings.hideStartEndM() > 0) {
            double reach = settings.hideStartEndM() + PrivacyZone.EDGE_MARGIN_M;
            int last = track.size() - 1;
            circles.add(new Circle(track.lat(0), track.lon(0), reach));
            circles.add(new Circle(track.lat(last), track.lon(last), reach));
        }
        return circles;
    }

    private static boolean inAny(List<Circle> circles, double lat, double lon) {
        for (Circle c : circles) {
            if (RunFiguresCalculator.metresBetween(c.lat, c.lon, lat, lon) <= c.reachM) {
                return true;
            }
        }
        return false;
    }

    private static boolean crossesAny(List<Circle> circles, double lat1, double lon1, double lat2, double lon2) {
        for (Circle c : circles) {
            if (c.crossedBy(lat1, lon1, lat2, lon2)) {
                return true;
            }
        }
        return false;
    }

    /** A hidden disc: its centre in degrees and how far from it a point is hidden. */
    private record Circle(double lat, double lon, double reachM) {

        /**
         * Whether the straight line between two points outside the disc passes through it, on a local
         * plane in metres around the centre (accurate to well under a metre at a zone's scale; a line
         * between points kilometres apart is checked conservatively enough for a run's sampling).
         */
        boolean crossedBy(double lat1, double lon1, double lat2, double lon2) {
            double cosLat = Math.cos(Math.toRadians(lat));
            double x1 = EARTH_RADIUS_M * Math.toRadians(lonDelta(lon1)) * cosLat;
            double y1 = EARTH_RADIUS_M * Math.toRadians(lat1 - lat);
            double x2 = EARTH_RADIUS_M * Math.toRadians(lonDelta(lon2)) * cosLat;
            double y2 = EARTH_RADIUS_M * Math.toRadians(lat2 - lat);
            double dx = x2 - x1;
            double dy = y2 - y1;
            double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / lengthSquared));
            double nearestX = x1 + t * dx;
            double nearestY = y1 + t * dy;
            return nearestX * nearestX + nearestY * nearestY <= reachM * reachM;
        }

        private double lonDelta(double pointLon) {
            double delta = pointLon - lon;
            if (delta > 180) {
                delta -= 360;
            } else if (delta < -180) {
                delta += 360;
            }
            return delta;
        }
    }
}

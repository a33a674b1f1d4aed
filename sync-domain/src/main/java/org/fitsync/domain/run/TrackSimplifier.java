package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Douglas-Peucker simplification of a track with a tolerance in metres. The points are first
 * projected onto a local equirectangular plane in metres around the track's mean latitude
 * (accurate to well under a metre over a run's extent); degrees are never used as metres. The kept
 * points are returned with their exact original latitude and longitude.
 * <p>
 * The algorithm is JTS's {@code DouglasPeuckerLineSimplifier} (keep the farthest point from the
 * chord while it is farther than the tolerance, end points always kept), run on two primitive
 * arrays with squared distances and an explicit stack: building a JTS line of coordinate objects
 * and taking a square root (JTS uses {@code Math.hypot}) per point cost more than the search itself
 * on every submitted run. {@code TrackSimplifierTest} holds it to JTS's result.
 */
public final class TrackSimplifier {

    public static final double DEFAULT_TOLERANCE_M = 5.0;
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double toleranceMetres;

    public TrackSimplifier(double toleranceMetres) {
        if (!(toleranceMetres >= 0) || Double.isInfinite(toleranceMetres)) {
            throw new IllegalArgumentException("tolerance must be a finite number of metres, at least 0");
        }
        this.toleranceMetres = toleranceMetres;
    }

    public List<LatLon> simplify(Track track) {
        int n = track.size();
        List<LatLon> kept = new ArrayList<>();
        if (n < 3) {
            for (int i = 0; i < n; i++) {
                kept.add(new LatLon(track.lat(i), track.lon(i)));
            }
            return kept;
        }
        double[] lats = new double[n];
        for (int i = 0; i < n; i++) {
            lats[i] = track.lat(i);
        }
        double cosLat0 = Math.cos(Math.toRadians(DoubleStream.of(lats).average().orElse(0)));
        double lon0 = track.lon(0);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = EARTH_RADIUS_M * Math.toRadians(longitudeDelta(track.lon(i), lon0)) * cosLat0;
            y[i] = EARTH_RADIUS_M * Math.toRadians(lats[i]);
        }
        boolean[] keep = keep(x, y, toleranceMetres * toleranceMetres);
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                kept.add(new LatLon(lats[i], track.lon(i)));
            }
        }
        return kept;
    }

    /** Which points Douglas-Peucker keeps; sections still to split are on a stack, not the call stack. */
    private static boolean[] keep(double[] x, double[] y, double toleranceSquared) {
        int n = x.length;
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = n - 1;
        while (top > 0) {
            int j = stack[--top];
            int i = stack[--top];
            if (i + 1 >= j) {
                continue;
            }
            // Distances within one section are compared scaled by the chord's squared length, which
            // is the same for all of them: no division per point, one for the farthest.
            double ax = x[i];
            double ay = y[i];
            double dx = x[j] - ax;
            double dy = y[j] - ay;
            double length2 = dx * dx + dy * dy;
            double farthestScaled = -1;
            int index = i;
            for (int k = i + 1; k < j; k++) {
                double d = length2 == 0
                        ? squared(x[k] - ax, y[k] - ay)
                        : scaledDistanceSquared(x[k] - ax, y[k] - ay, dx, dy, length2);
                if (d > farthestScaled) {
                    farthestScaled = d;
                    index = k;
                }
            }
            double farthest = length2 == 0 ? farthestScaled : farthestScaled / length2;
            if (farthest > toleranceSquared) {
                keep[index] = true;
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                // Pushed second, the first half is split first, as JTS's recursion does.
                stack[top++] = index;
                stack[top++] = j;
                stack[top++] = i;
                stack[top++] = index;
            }
        }
        return keep;
    }

    /**
     * The squared distance from p to the segment a-b times the segment's squared length (JTS's
     * {@code Distance.pointToSegment}, squared and scaled), with p and b given relative to a.
     */
    private static double scaledDistanceSquared(double px, double py, double dx, double dy, double length2) {
        double along = px * dx + py * dy;
        if (along <= 0) {
            return squared(px, py) * length2;
        }
        if (along >= length2) {
            return squared(px - dx, py - dy) * length2;
        }
        double cross = py * dx - px * dy;
        return cross * cross;
    }

    private static double squared(double dx, double dy) {
        return dx * dx + dy * dy;
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

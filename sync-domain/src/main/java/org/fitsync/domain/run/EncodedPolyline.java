package org.fitsync.domain.run;

import java.util.List;

/**
 * Google's encoded polyline algorithm format at precision 5: each coordinate rounded to 1e-5
 * degrees, delta-encoded against the previous point, zig-zagged and written as 5-bit chunks.
 */
public final class EncodedPolyline {

    private static final double SCALE = 1e5;

    private EncodedPolyline() {}

    public static String encode(List<LatLon> points) {
        StringBuilder out = new StringBuilder(points.size() * 8);
        long previousLat = 0;
        long previousLon = 0;
        for (LatLon p : points) {
            long lat = Math.round(p.lat() * SCALE);
            long lon = Math.round(p.lon() * SCALE);
            appendValue(out, lat - previousLat);
            appendValue(out, lon - previousLon);
            previousLat = lat;
            previousLon = lon;
        }
        return out.toString();
    }

    private static void appendValue(StringBuilder out, long delta) {
        long value = delta < 0 ? ~(delta << 1) : delta << 1;
        while (value >= 0x20) {
            out.append((char) ((0x20 | (value & 0x1f)) + 63));
            value >>= 5;
        }
        out.append((char) (value + 63));
    }
}

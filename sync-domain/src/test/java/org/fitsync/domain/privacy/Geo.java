package org.fitsync.domain.privacy;

import java.util.ArrayList;
import java.util.List;

/** Test geometry written independently of the code under test: haversine and a polyline decoder. */
final class Geo {

    private Geo() {}

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Google's polyline format back to {lat, lon} degrees. */
    static List<double[]> decode(String encoded) {
        List<double[]> out = new ArrayList<>();
        int index = 0;
        long lat = 0;
        long lon = 0;
        while (index < encoded.length()) {
            long[] values = new long[2];
            for (int k = 0; k < 2; k++) {
                long result = 0;
                int shift = 0;
                int b;
                do {
                    b = encoded.charAt(index++) - 63;
                    result |= (long) (b & 0x1f) << shift;
                    shift += 5;
                } while (b >= 0x20);
                values[k] = (result & 1) != 0 ? ~(result >> 1) : result >> 1;
            }
            lat += values[0];
            lon += values[1];
            out.add(new double[] {lat / 1e5, lon / 1e5});
        }
        return out;
    }
}

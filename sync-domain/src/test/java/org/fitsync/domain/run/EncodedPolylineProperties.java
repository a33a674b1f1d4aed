package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class EncodedPolylineProperties {

    /** Decoding (the reference algorithm, written independently here) gives the points back at 1e-5. */
    @Property
    void decodesBackToRoundedPoints(
            @ForAll @Size(max = 50) List<@DoubleRange(min = -90, max = 90) Double> lats,
            @ForAll @DoubleRange(min = -180, max = 180) double lon) {
        List<LatLon> points = new ArrayList<>();
        for (int i = 0; i < lats.size(); i++) {
            points.add(new LatLon(lats.get(i), Math.max(-180, Math.min(180, lon - i * 0.37))));
        }
        List<long[]> decoded = decode(EncodedPolyline.encode(points));
        assertThat(decoded).hasSize(points.size());
        for (int i = 0; i < points.size(); i++) {
            assertThat(decoded.get(i)[0]).isEqualTo(Math.round(points.get(i).lat() * 1e5));
            assertThat(decoded.get(i)[1]).isEqualTo(Math.round(points.get(i).lon() * 1e5));
        }
    }

    private static List<long[]> decode(String encoded) {
        List<long[]> out = new ArrayList<>();
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
            out.add(new long[] {lat, lon});
        }
        return out;
    }
}

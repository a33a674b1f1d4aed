package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TrackSimplifierProperties {

    @Property(tries = 200)
    void keepsEndpointsAndASubsequenceOfTheTrack(
            @ForAll @Size(min = 3, max = 300) List<@DoubleRange(min = -20, max = 20) Double> wiggleMetres,
            @ForAll @DoubleRange(min = -70, max = 70) double lat,
            @ForAll @IntRange(min = 0, max = 20) int tolerance) {
        List<TrackPoint> points = new ArrayList<>();
        double metresPerDegree = 111_195.0;
        for (int i = 0; i < wiggleMetres.size(); i++) {
            points.add(TrackPoint.withoutElevation(
                    i * 1000L,
                    lat + wiggleMetres.get(i) / metresPerDegree,
                    10 + i * 3 / (metresPerDegree * Math.cos(Math.toRadians(lat)))));
        }
        List<LatLon> kept = new TrackSimplifier(tolerance).simplify(new Track(points));

        assertThat(kept.get(0))
                .isEqualTo(new LatLon(points.get(0).lat(), points.get(0).lon()));
        TrackPoint last = points.get(points.size() - 1);
        assertThat(kept.get(kept.size() - 1)).isEqualTo(new LatLon(last.lat(), last.lon()));
        int cursor = 0;
        for (LatLon p : kept) {
            while (cursor < points.size()
                    && !(points.get(cursor).lat() == p.lat()
                            && points.get(cursor).lon() == p.lon())) {
                cursor++;
            }
            assertThat(cursor)
                    .as("kept point %s is an original point, in order", p)
                    .isLessThan(points.size());
            cursor++;
        }
    }
}

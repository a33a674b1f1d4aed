package org.fitsync.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;

/**
 * On random walks around random zones: no point served (nor any point of its polylines, decoded) lies
 * within a zone or within the hidden distance of the run's start or end, and every point that was
 * not hidden is served.
 */
class TrackRedactionProperties {

    private static final double BASE_LAT = 48.1;
    private static final double BASE_LON = 11.5;
    private static final double DEGREE_PER_METRE = 1 / 111_195.0;

    @Property(tries = 300)
    void nothingHiddenIsServed(
            @ForAll("walks") Track track,
            @ForAll("zoneLists") List<PrivacyZone> zones,
            @ForAll @IntRange(min = 0, max = 1000) int hide) {
        PrivacySettings settings = new PrivacySettings(zones, hide);
        RedactedTrack redacted = TrackRedaction.apply(track, settings);

        int last = track.size() - 1;
        List<double[]> served = new ArrayList<>();
        for (Track segment : redacted.segments()) {
            for (int i = 0; i < segment.size(); i++) {
                served.add(new double[] {segment.lat(i), segment.lon(i)});
            }
        }
        TrackSimplifier simplifier = new TrackSimplifier(TrackSimplifier.DEFAULT_TOLERANCE_M);
        served.addAll(Geo.decode(redacted.polyline(simplifier)));
        redacted.segmentPolylines(simplifier).forEach(p -> served.addAll(Geo.decode(p)));
        for (double[] p : served) {
            for (PrivacyZone zone : zones) {
                assertThat(Geo.metres(zone.lat(), zone.lon(), p[0], p[1])).isGreaterThan(zone.radiusM());
            }
            if (hide > 0) {
                assertThat(Geo.metres(track.lat(0), track.lon(0), p[0], p[1])).isGreaterThan(hide);
                assertThat(Geo.metres(track.lat(last), track.lon(last), p[0], p[1]))
                        .isGreaterThan(hide);
            }
        }

        // Nothing is lost that was clear of every zone and the ends by more than the edge margin.
        long clear = 0;
        for (int i = 0; i < track.size(); i++) {
            double lat = track.lat(i);
            double lon = track.lon(i);
            boolean hidden = zones.stream().anyMatch(z -> Geo.metres(z.lat(), z.lon(), lat, lon) <= z.radiusM() + 3)
                    || (hide > 0
                            && (Geo.metres(track.lat(0), track.lon(0), lat, lon) <= hide + 3
                                    || Geo.metres(track.lat(last), track.lon(last), lat, lon) <= hide + 3));
            if (!hidden) {
                clear++;
            }
        }
        assertThat((long) redacted.pointCount()).isGreaterThanOrEqualTo(clear);
        assertThat(redacted.pointCount()).isLessThanOrEqualTo(track.size());
    }

    /** Random walks of 1 to 400 steps of up to 60 m, starting within 1.5 km of the base. */
    @Provide
    Arbitrary<Track> walks() {
        Arbitrary<Double> offset = Arbitraries.doubles().between(-1500, 1500);
        Arbitrary<List<double[]>> steps = Arbitraries.doubles()
                .between(-60, 60)
                .list()
                .ofSize(2)
                .map(l -> new double[] {l.get(0), l.get(1)})
                .list()
                .ofMinSize(1)
                .ofMaxSize(400);
        return Combinators.combine(offset, offset, steps).as((north, east, moves) -> {
            Track.Builder b = Track.builder(moves.size());
            double lat = BASE_LAT + north * DEGREE_PER_METRE;
            double lon = BASE_LON + east * DEGREE_PER_METRE / Math.cos(Math.toRadians(BASE_LAT));
            long t = 0;
            for (double[] move : moves) {
                b.add(t, lat, lon);
                t += 1000;
                lat += move[0] * DEGREE_PER_METRE;
                lon += move[1] * DEGREE_PER_METRE / Math.cos(Math.toRadians(BASE_LAT));
            }
            return b.build();
        });
    }

    @Provide
    Arbitrary<List<PrivacyZone>> zoneLists() {
        Arbitrary<Double> offset = Arbitraries.doubles().between(-2000, 2000);
        Arbitrary<Integer> radius = Arbitraries.integers().between(PrivacyZone.MIN_RADIUS_M, PrivacyZone.MAX_RADIUS_M);
        return Combinators.combine(offset, offset, radius)
                .as((north, east, r) -> new PrivacyZone(
                        BASE_LAT + north * DEGREE_PER_METRE,
                        BASE_LON + east * DEGREE_PER_METRE / Math.cos(Math.toRadians(BASE_LAT)),
                        r))
                .list()
                .ofMaxSize(PrivacySettings.MAX_ZONES);
    }
}

package org.fitsync.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;
import org.junit.jupiter.api.Test;

class TrackRedactionTest {

    private static final double HOME_LAT = 52.52;
    private static final double HOME_LON = 13.405;
    /** About 1.1 m of latitude. */
    private static final double METRE = 1e-5 / 1.11;

    /** {@code n} points a second heading north from home, {@code stepM} metres apart. */
    private static Track north(int n, double stepM) {
        Track.Builder b = Track.builder(n);
        for (int i = 0; i < n; i++) {
            b.add(1_000L * i, HOME_LAT + i * stepM * METRE, HOME_LON, 30 + i % 5);
        }
        return b.build();
    }

    @Test
    void hidingNothingServesTheWholeTrack() {
        Track track = north(100, 10);
        RedactedTrack redacted = TrackRedaction.apply(track, PrivacySettings.NONE);
        assertThat(redacted.segments()).containsExactly(track);
        assertThat(redacted.polyline(new TrackSimplifier(5)))
                .isEqualTo(org.fitsync.domain.run.EncodedPolyline.encode(new TrackSimplifier(5).simplify(track)));
    }

    @Test
    void aRunStartingInAZoneLosesEveryPointInIt() {
        Track track = north(300, 10); // 3 km north
        PrivacySettings settings = new PrivacySettings(List.of(new PrivacyZone(HOME_LAT, HOME_LON, 200)), 0);
        RedactedTrack redacted = TrackRedaction.apply(track, settings);
        assertThat(redacted.segments()).hasSize(1);
        Track left = redacted.segments().get(0);
        for (int i = 0; i < left.size(); i++) {
            assertThat(Geo.metres(HOME_LAT, HOME_LON, left.lat(i), left.lon(i))).isGreaterThan(200);
        }
        // Points from about 202 m on are kept, in order, with their times and elevations.
        assertThat(left.size()).isBetween(276, 280);
        assertThat(left.point(left.size() - 1)).isEqualTo(track.point(299));
    }

    @Test
    void theFirstAndLastMetresGoAndSoDoesALaterPassNearTheStart() {
        Track.Builder b = Track.builder(400);
        // Out 1 km north, back to 30 m from the start, out again 1 km.
        for (int i = 0; i <= 100; i++) {
            b.add(i, HOME_LAT + i * 10 * METRE, HOME_LON);
        }
        for (int i = 1; i <= 97; i++) {
            b.add(100 + i, HOME_LAT + (1000 - i * 10) * METRE, HOME_LON + 0.0001);
        }
        for (int i = 1; i <= 100; i++) {
            b.add(197 + i, HOME_LAT + (30 + i * 10) * METRE, HOME_LON + 0.0002);
        }
        Track track = b.build();
        RedactedTrack redacted = TrackRedaction.apply(track, new PrivacySettings(List.of(), 150));
        int last = track.size() - 1;
        for (Track segment : redacted.segments()) {
            for (int i = 0; i < segment.size(); i++) {
                assertThat(Geo.metres(track.lat(0), track.lon(0), segment.lat(i), segment.lon(i)))
                        .isGreaterThan(150);
                assertThat(Geo.metres(track.lat(last), track.lon(last), segment.lat(i), segment.lon(i)))
                        .isGreaterThan(150);
            }
        }
        // The turn 30 m from the end and the pass 30 m from the start each cut the run.
        assertThat(redacted.segments()).hasSize(3);
    }

    @Test
    void aZoneCrossedBetweenTwoSparsePointsSplitsTheTrack() {
        Track.Builder b = Track.builder(3);
        b.add(0, HOME_LAT - 1000 * METRE, HOME_LON);
        b.add(1, HOME_LAT + 1000 * METRE, HOME_LON); // steps over the zone
        b.add(2, HOME_LAT + 1100 * METRE, HOME_LON);
        RedactedTrack redacted = TrackRedaction.apply(
                b.build(), new PrivacySettings(List.of(new PrivacyZone(HOME_LAT, HOME_LON, 100)), 0));
        assertThat(redacted.segments()).hasSize(2);
        assertThat(redacted.segments().get(0).size()).isEqualTo(1);
        assertThat(redacted.pointCount()).isEqualTo(3);
    }

    @Test
    void aTrackInsideAZoneLeavesNothing() {
        RedactedTrack redacted = TrackRedaction.apply(
                north(10, 5), new PrivacySettings(List.of(new PrivacyZone(HOME_LAT, HOME_LON, 500)), 0));
        assertThat(redacted.segments()).isEmpty();
        assertThat(redacted.polyline(new TrackSimplifier(5))).isEmpty();
    }

    @Test
    void zonesAndSettingsRefuseValuesOutOfRange() {
        assertThat(PrivacyZone.errors("zones[0]", 91, 0, 200))
                .extracting(e -> e.field())
                .containsExactly("zones[0].lat");
        assertThat(PrivacyZone.errors("zones[0]", 0, 181, 99))
                .extracting(e -> e.field())
                .containsExactly("zones[0].lon", "zones[0].radius_m");
        assertThat(PrivacyZone.errors("z", 0, 0, 2001)).hasSize(1);
        assertThat(PrivacyZone.errors("z", 0, 0, 100)).isEmpty();
        assertThat(PrivacySettings.errors(11, 0)).hasSize(1);
        assertThat(PrivacySettings.errors(10, 1001)).hasSize(1);
        assertThat(PrivacySettings.errors(10, 1000)).isEmpty();
        assertThatThrownBy(() -> new PrivacyZone(0, 0, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}

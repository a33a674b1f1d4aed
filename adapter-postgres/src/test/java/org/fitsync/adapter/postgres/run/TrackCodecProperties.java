package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

class TrackCodecProperties {

    /** Any doubles, including ones with 17 significant digits, -0.0 and nulls, come back bit for bit. */
    @Property(tries = 500)
    void roundTripsArbitraryPointsExactly(@ForAll("points") @Size(max = 300) List<TrackPoint> points) {
        Track track = new Track(points);
        Track decoded = TrackCodec.decode(TrackCodec.encode(track));
        assertThat(decoded.size()).isEqualTo(track.size());
        for (int i = 0; i < points.size(); i++) {
            TrackPoint a = points.get(i);
            TrackPoint b = decoded.points().get(i);
            assertThat(b.epochMs()).isEqualTo(a.epochMs());
            assertThat(Double.doubleToRawLongBits(b.lat())).isEqualTo(Double.doubleToRawLongBits(a.lat()));
            assertThat(Double.doubleToRawLongBits(b.lon())).isEqualTo(Double.doubleToRawLongBits(a.lon()));
            assertThat(b.elevationM().isPresent()).isEqualTo(a.elevationM().isPresent());
            if (a.elevationM().isPresent()) {
                assertThat(Double.doubleToRawLongBits(b.elevationM().getAsDouble()))
                        .isEqualTo(Double.doubleToRawLongBits(a.elevationM().getAsDouble()));
            }
        }
    }

    /** Typical GPS output: decimals with a few places, which the decimal columns must keep exactly. */
    @Property(tries = 300)
    void roundTripsDecimalCoordinates(@ForAll("decimalPoints") @Size(min = 1, max = 300) List<TrackPoint> points) {
        assertThat(TrackCodec.decode(TrackCodec.encode(new Track(points))).points())
                .isEqualTo(points);
    }

    @Provide
    Arbitrary<List<TrackPoint>> points() {
        Arbitrary<Double> lat = Arbitraries.oneOf(
                Arbitraries.doubles().between(-90, 90),
                Arbitraries.of(-0.0, 0.0, 90.0, -90.0, 52.52001, 0.1 + 0.2, Double.MIN_VALUE));
        Arbitrary<Double> lon = Arbitraries.oneOf(
                Arbitraries.doubles().between(-180, 180), Arbitraries.of(-0.0, 180.0, -180.0, 13.40495));
        Arbitrary<OptionalDouble> elevation = Arbitraries.oneOf(
                Arbitraries.doubles().between(-500, 9000).map(OptionalDouble::of),
                Arbitraries.just(OptionalDouble.empty()));
        Arbitrary<Long> time = Arbitraries.longs();
        return Combinators.combine(time, lat, lon, elevation)
                .as(TrackPoint::new)
                .list();
    }

    @Provide
    Arbitrary<List<TrackPoint>> decimalPoints() {
        Arbitrary<Double> lat = Arbitraries.bigDecimals()
                .between(java.math.BigDecimal.valueOf(-90), java.math.BigDecimal.valueOf(90))
                .ofScale(7)
                .map(java.math.BigDecimal::doubleValue);
        Arbitrary<Double> lon = Arbitraries.bigDecimals()
                .between(java.math.BigDecimal.valueOf(-180), java.math.BigDecimal.valueOf(180))
                .ofScale(6)
                .map(java.math.BigDecimal::doubleValue);
        Arbitrary<OptionalDouble> elevation = Arbitraries.oneOf(
                Arbitraries.bigDecimals()
                        .between(java.math.BigDecimal.valueOf(-400), java.math.BigDecimal.valueOf(8848))
                        .ofScale(1)
                        .map(d -> OptionalDouble.of(d.doubleValue())),
                Arbitraries.just(OptionalDouble.empty()));
        Arbitrary<Long> time = Arbitraries.longs().between(0, 4_000_000_000_000L);
        return Combinators.combine(time, lat, lon, elevation)
                .as(TrackPoint::new)
                .list();
    }

    @Property(tries = 1)
    void aOneHertzTrackTakesAboutSixBytesPerPoint() {
        List<TrackPoint> points = new ArrayList<>();
        long t = 1_795_158_000_000L;
        double lat = 52.52001;
        double lon = 13.40495;
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 3600; i++) {
            lat = Math.round((lat + (random.nextDouble() - 0.3) * 4e-5) * 1e5) / 1e5;
            lon = Math.round((lon + (random.nextDouble() - 0.3) * 6e-5) * 1e5) / 1e5;
            double ele = Math.round((34 + Math.sin(i / 100.0) * 5) * 10) / 10.0;
            points.add(
                    i % 10 == 0
                            ? TrackPoint.withoutElevation(t + i * 1000L, lat, lon)
                            : TrackPoint.of(t + i * 1000L, lat, lon, ele));
        }
        byte[] encoded = TrackCodec.encode(new Track(points));
        assertThat((double) encoded.length / points.size()).isLessThan(8.0);
        assertThat(TrackCodec.decode(encoded).points()).isEqualTo(points);
    }
}

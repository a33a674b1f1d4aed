package org.fitsync.domain.run;

import java.util.OptionalDouble;

/** One GPS fix as the client recorded it: epoch milliseconds, degrees, and an optional elevation. */
public record TrackPoint(long epochMs, double lat, double lon, OptionalDouble elevationM) {

    public TrackPoint {
        if (elevationM == null) {
            throw new IllegalArgumentException("elevation must be an OptionalDouble, empty when unknown");
        }
    }

    public static TrackPoint of(long epochMs, double lat, double lon, double elevationM) {
        return new TrackPoint(epochMs, lat, lon, OptionalDouble.of(elevationM));
    }

    public static TrackPoint withoutElevation(long epochMs, double lat, double lon) {
        return new TrackPoint(epochMs, lat, lon, OptionalDouble.empty());
    }
}

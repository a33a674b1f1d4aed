package org.fitsync.domain.imports;

import java.util.OptionalDouble;

/** One GPS sample of an imported run: time, position and, when recorded, elevation in metres. */
public record TrackPoint(long epochMs, double lat, double lon, OptionalDouble elevationM) {

    public TrackPoint {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }
}

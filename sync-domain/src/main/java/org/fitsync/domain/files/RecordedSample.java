package org.fitsync.domain.files;

import java.util.OptionalDouble;

/**
 * One sample of an activity file at {@code epochMs}: any of a GPS fix, elevation, heart rate (bpm),
 * cadence (steps per minute, both feet), power (W), temperature (°C) and the distance covered so far
 * (m); each is empty when the file has none for this instant. A sample with a latitude has a longitude.
 */
public record RecordedSample(
        long epochMs,
        OptionalDouble lat,
        OptionalDouble lon,
        OptionalDouble elevationM,
        OptionalDouble heartRate,
        OptionalDouble cadence,
        OptionalDouble powerW,
        OptionalDouble temperatureC,
        OptionalDouble distanceM) {

    public RecordedSample {
        if (lat.isPresent() != lon.isPresent()) {
            throw new IllegalArgumentException("a sample has both latitude and longitude or neither");
        }
    }

    public boolean hasPosition() {
        return lat.isPresent();
    }
}

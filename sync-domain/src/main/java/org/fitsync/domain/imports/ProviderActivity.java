package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity as the provider lists it, reduced to what FitSync keeps. {@code startDate} is UTC
 * (Strava's {@code start_date}, never {@code start_date_local}). {@code startPoint} is absent for
 * activities without GPS.
 */
public record ProviderActivity(
        String id,
        String name,
        String sportType,
        Instant startDate,
        long elapsedSeconds,
        long movingSeconds,
        double distanceM,
        Optional<LatLon> startPoint) {

    public ProviderActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sportType, "sportType");
        Objects.requireNonNull(startDate, "startDate");
        name = name == null ? "" : name;
    }

    public record LatLon(double lat, double lon) {}
}

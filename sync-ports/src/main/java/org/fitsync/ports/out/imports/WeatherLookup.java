package org.fitsync.ports.out.imports;

import java.time.Instant;
import java.util.Optional;

/** The weather at a place and hour, as a JSON object in text; empty whenever it cannot be had. */
public interface WeatherLookup {

    Optional<String> weatherAt(double lat, double lon, Instant at);

    WeatherLookup OFF = (lat, lon, at) -> Optional.empty();
}

package org.fitsync.domain.run;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A run that passed every rule of {@link RunValidation} (the only way to make one outside tests of
 * this package), ready to be stored. {@code stravaId} and {@code weatherJson} are set by the server
 * (the Strava import), never by the public API.
 */
public record NewRun(
        UUID id,
        TimeSpan span,
        long durationS,
        double distanceM,
        Source source,
        Optional<String> notes,
        Optional<String> metadataJson,
        Track track,
        Optional<String> stravaId,
        Optional<String> weatherJson) {

    public Instant startedAt() {
        return span.start();
    }

    public Instant endedAt() {
        return span.end();
    }

    public ContentFingerprint fingerprint() {
        return ContentFingerprint.of(this);
    }
}

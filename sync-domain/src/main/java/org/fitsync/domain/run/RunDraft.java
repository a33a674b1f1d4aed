package org.fitsync.domain.run;

import java.util.Optional;

/**
 * A run as received, before any rule is checked: every field may be missing or wrong. The inbound
 * adapter fills what it could read with the right JSON type; {@link RunValidation} decides the rest.
 * {@code metadataJson} and {@code weatherJson} are JSON texts (the domain keeps JSON opaque), the
 * metadata in a canonical form so that equal objects give equal fingerprints.
 */
public record RunDraft(
        Optional<String> id,
        Optional<String> startedAt,
        Optional<String> endedAt,
        Optional<Long> durationS,
        Optional<Double> distanceM,
        Optional<String> source,
        Optional<String> notes,
        Optional<String> metadataJson,
        Optional<Track> track,
        Optional<String> stravaId,
        Optional<String> weatherJson) {}

package org.fitsync.domain.run;

import java.util.Optional;

/**
 * A run as received, before any rule is checked: every field may be missing or wrong. The inbound
 * adapter fills what it could read with the right JSON type; {@link RunValidation} decides the rest.
 * {@code metadataJson} and {@code weatherJson} are JSON texts (the domain keeps JSON opaque), the
 * metadata in a canonical form so that equal objects give equal fingerprints. {@code samples} are the
 * per-sample streams a watch recorded beside the track; the shorter constructor is a draft without them.
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
        Optional<String> weatherJson,
        Optional<DraftSamples> samples) {

    public RunDraft(
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
            Optional<String> weatherJson) {
        this(
                id,
                startedAt,
                endedAt,
                durationS,
                distanceM,
                source,
                notes,
                metadataJson,
                track,
                stravaId,
                weatherJson,
                Optional.empty());
    }

    /** This draft with {@code samples}. */
    public RunDraft withSamples(DraftSamples samples) {
        return new RunDraft(
                id,
                startedAt,
                endedAt,
                durationS,
                distanceM,
                source,
                notes,
                metadataJson,
                track,
                stravaId,
                weatherJson,
                Optional.of(samples));
    }
}

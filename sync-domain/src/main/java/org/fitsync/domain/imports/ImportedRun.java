package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.run.DraftSamples;
import org.fitsync.domain.run.TrackPoint;

/**
 * A run built from a provider activity, in the fields {@code POST /api/v1/runs} takes: source is
 * always {@code strava}; {@code metadata} carries the activity's name and sport type;
 * {@code weather} is a JSON object as text, absent when weather was unavailable. An archive import
 * adds the activity's {@code description} (also metadata) and the file's {@code samples}.
 */
public record ImportedRun(
        String stravaId,
        Instant startedAt,
        Instant endedAt,
        long durationS,
        double distanceM,
        String name,
        String sportType,
        List<TrackPoint> track,
        Optional<String> weather,
        Optional<String> description,
        Optional<DraftSamples> samples) {

    public static final String SOURCE = "strava";

    public ImportedRun {
        Objects.requireNonNull(stravaId, "stravaId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        track = List.copyOf(track);
        Objects.requireNonNull(weather, "weather");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(samples, "samples");
    }

    /** A run from the provider's API: no description, no samples. */
    public ImportedRun(
            String stravaId,
            Instant startedAt,
            Instant endedAt,
            long durationS,
            double distanceM,
            String name,
            String sportType,
            List<TrackPoint> track,
            Optional<String> weather) {
        this(
                stravaId,
                startedAt,
                endedAt,
                durationS,
                distanceM,
                name,
                sportType,
                track,
                weather,
                Optional.empty(),
                Optional.empty());
    }
}

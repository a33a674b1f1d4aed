package org.fitsync.domain.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run as the history serves it: the submitted metadata plus what the server derived ({@code figures}
 * among it, see {@link RunFiguresCalculator}). {@code fileId}
 * names the activity file the run was made of, when it was (docs/api.md, Activity files);
 * {@code locationJson} where it started ({@code {"city", "region", "country"}}), when that is known.
 */
public record StoredRun(
        UUID id,
        TimeSpan span,
        long durationS,
        double distanceM,
        Source source,
        Optional<String> notes,
        Optional<String> metadataJson,
        String polyline,
        int pointCount,
        boolean overlapping,
        List<UUID> overlaps,
        Optional<String> stravaId,
        Optional<String> weatherJson,
        Instant createdAt,
        Instant updatedAt,
        Optional<UUID> fileId,
        Optional<String> locationJson,
        RunFigures figures) {

    public StoredRun {
        overlaps = List.copyOf(overlaps);
    }

    public Instant startedAt() {
        return span.start();
    }

    public Instant endedAt() {
        return span.end();
    }

    /** The same run with another polyline over {@code points} points (a track as others see it). */
    public StoredRun withPolyline(String otherPolyline, int points) {
        return new StoredRun(
                id,
                span,
                durationS,
                distanceM,
                source,
                notes,
                metadataJson,
                otherPolyline,
                points,
                overlapping,
                overlaps,
                stravaId,
                weatherJson,
                createdAt,
                updatedAt,
                fileId,
                locationJson,
                figures);
    }
}

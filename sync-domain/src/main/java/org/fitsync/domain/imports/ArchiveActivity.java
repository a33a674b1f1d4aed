package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One row of a Strava account export's {@code activities.csv}: the activity id, its start (UTC; empty when
 * the date could not be read), name, description, type as Strava writes it ({@code Run}, {@code Trail Run},
 * {@code Ride}, ...), elapsed and moving seconds, distance in metres, and the archive entry holding its
 * file ({@code activities/123.fit.gz}; empty for an activity without a file, e.g. one entered by hand).
 */
public record ArchiveActivity(
        String id,
        Optional<Instant> start,
        String name,
        Optional<String> description,
        String type,
        long elapsedS,
        OptionalLong movingS,
        OptionalDouble distanceM,
        Optional<String> filename) {

    public ArchiveActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        name = name == null ? "" : name;
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(movingS, "movingS");
        Objects.requireNonNull(distanceM, "distanceM");
        Objects.requireNonNull(filename, "filename");
    }

    /**
     * The type as the Strava API names sport types ({@code Trail Run} → {@code TrailRun}), which is what
     * {@link RunMapping} knows: the csv writes display names with spaces.
     */
    public String sportType() {
        return type.replace(" ", "");
    }

    @Override
    public String toString() {
        // Names and descriptions are personal: they stay out of logs.
        return "ArchiveActivity[id=" + id + ", type=" + type + "]";
    }
}

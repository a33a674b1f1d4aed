package org.fitsync.domain.files;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an activity file (FIT, GPX or TCX) recorded, before FitSync makes a run of it: the kind of
 * activity, the device's maker as the file names it ({@code garmin}, {@code coros}, ...), when it
 * started, how long it took (elapsed, pauses included), the total distance when the file states one,
 * and its samples in time order.
 */
public record ActivityRecording(
        ActivityKind kind,
        Optional<String> manufacturer,
        Optional<String> name,
        Instant start,
        long elapsedS,
        OptionalDouble distanceM,
        List<RecordedSample> samples) {

    public ActivityRecording {
        samples = List.copyOf(samples);
    }
}

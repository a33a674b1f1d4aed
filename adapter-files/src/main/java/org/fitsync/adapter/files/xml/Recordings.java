package org.fitsync.adapter.files.xml;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.RecordedSample;

/** Puts a read XML activity together: samples in time order, start, elapsed time and distance. */
public final class Recordings {

    private Recordings() {}

    /**
     * {@code samples} is sorted in place (stable: points at one instant keep the file's order). Elapsed is
     * the span of the samples; distance is {@code statedDistanceM} if the file states a total, else the
     * last cumulative distance of a sample, else empty (FitSync then measures the track).
     */
    public static ActivityRecording of(
            ActivityKind kind,
            Optional<String> manufacturer,
            Optional<String> name,
            List<RecordedSample> samples,
            OptionalDouble statedDistanceM) {
        samples.sort(Comparator.comparingLong(RecordedSample::epochMs));
        long first = samples.get(0).epochMs();
        long last = samples.get(samples.size() - 1).epochMs();
        OptionalDouble distance = statedDistanceM;
        for (int i = samples.size() - 1; distance.isEmpty() && i >= 0; i--) {
            distance = samples.get(i).distanceM();
        }
        return new ActivityRecording(
                kind, manufacturer, name, Instant.ofEpochMilli(first), (last - first) / 1000, distance, samples);
    }
}

package org.fitsync.domain.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Samples as received, before any rule is checked: the {@code time} column if there was one, and
 * every named column in the order given, whatever its name and length. A value the adapter could not
 * read, or a JSON {@code null}, is NaN. {@link RunValidation} turns it into {@link Samples} or errors.
 */
public final class DraftSamples {

    private final Optional<long[]> times;
    private final Map<String, double[]> streams;

    public DraftSamples(Optional<long[]> times, Map<String, double[]> streams) {
        this.times = times.map(long[]::clone);
        Map<String, double[]> copy = new LinkedHashMap<>();
        streams.forEach((name, column) -> copy.put(name, column.clone()));
        this.streams = Collections.unmodifiableMap(copy);
    }

    /** The draft of existing samples, as a client that read them back would send them. */
    public static DraftSamples of(Samples samples) {
        Map<String, double[]> streams = new LinkedHashMap<>();
        samples.streamColumns().forEach((stream, column) -> streams.put(stream.wireName(), column));
        return new DraftSamples(Optional.of(samples.times()), streams);
    }

    public Optional<long[]> times() {
        return times.map(long[]::clone);
    }

    /** The named columns in the order received; the arrays are the draft's own, not to be changed. */
    Map<String, double[]> streams() {
        return streams;
    }

    @Override
    public String toString() {
        return "DraftSamples[" + streams.keySet() + "]";
    }
}

package org.fitsync.domain.run;

import java.time.Instant;
import java.time.temporal.ChronoField;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The rules for a run's samples (docs/api.md, Runs): a {@code time} column of strictly increasing
 * epoch ms within 60 s of the run's span, at most {@link Samples#MAX_SAMPLES} of them, and at least
 * one of the five known streams, each as long as {@code time} and each value plausible or missing.
 * Errors are named as the client's JSON names them ({@code samples.heart_rate[17]}); past
 * {@link RunValidation#MAX_TRACK_ERRORS} bad values the rest are counted under {@code samples}.
 */
final class SampleRules {

    private static final String FIELD = "samples";

    private SampleRules() {}

    static Optional<Samples> check(DraftSamples draft, Optional<TimeSpan> span, BiConsumer<String, String> error) {
        boolean valid = true;
        Optional<long[]> given = draft.times();
        if (!given.isPresent()) {
            error.accept(FIELD + ".time", "is required: the sample times in epoch ms");
            valid = false;
        }
        long[] times = given.orElse(new long[0]);
        if (given.isPresent() && times.length == 0) {
            error.accept(FIELD + ".time", "must have at least one sample; leave samples out when there are none");
            valid = false;
        }
        if (times.length > Samples.MAX_SAMPLES) {
            error.accept(FIELD + ".time", "must have at most " + Samples.MAX_SAMPLES + " samples");
            return Optional.empty();
        }
        Map<SampleStream, double[]> streams = new EnumMap<>(SampleStream.class);
        for (Map.Entry<String, double[]> column : draft.streams().entrySet()) {
            String field = FIELD + "." + column.getKey();
            Optional<SampleStream> stream = SampleStream.fromWire(column.getKey());
            if (!stream.isPresent()) {
                error.accept(field, "is not a sample stream; streams are " + SampleStream.wireNames());
                valid = false;
            } else if (given.isPresent() && column.getValue().length != times.length) {
                error.accept(
                        field,
                        "must have as many values as samples.time (" + times.length + "), has "
                                + column.getValue().length);
                valid = false;
            } else {
                streams.put(stream.get(), column.getValue());
            }
        }
        if (draft.streams().isEmpty()) {
            error.accept(FIELD, "must have at least one stream of " + SampleStream.wireNames());
            valid = false;
        }
        BadValues bad = new BadValues(error);
        checkTimes(times, span, bad);
        for (Map.Entry<SampleStream, double[]> stream : streams.entrySet()) {
            double[] values = stream.getValue();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i]) && !stream.getKey().accepts(values[i])) {
                    bad.add(
                            FIELD + "." + stream.getKey().wireName() + "[" + i + "]",
                            stream.getKey().rule());
                }
            }
        }
        bad.summarise();
        if (!valid || bad.count > 0) {
            return Optional.empty();
        }
        return Optional.of(Samples.of(times, streams));
    }

    private static void checkTimes(long[] times, Optional<TimeSpan> span, BadValues bad) {
        // The window of the track's rule, in whole milliseconds: t is within [earliest, latest]
        // exactly when ceil(earliest) <= t <= floor(latest).
        Optional<Instant> earliest = span.map(s -> s.start().minus(RunValidation.TRACK_SLACK));
        long earliestMs = earliest.map(
                        e -> e.toEpochMilli() + (e.get(ChronoField.NANO_OF_SECOND) % 1_000_000 == 0 ? 0 : 1))
                .orElse(Long.MIN_VALUE);
        long latestMs = span.map(s -> s.end().plus(RunValidation.TRACK_SLACK).toEpochMilli())
                .orElse(Long.MAX_VALUE);
        for (int i = 0; i < times.length; i++) {
            boolean increasing = i == 0 || times[i] > times[i - 1];
            boolean inside = times[i] >= earliestMs && times[i] <= latestMs;
            if (!increasing && !inside) {
                bad.add(
                        FIELD + ".time[" + i + "]",
                        "must be after the previous sample's time; must be within 60 s of [started_at, ended_at]");
            } else if (!increasing) {
                bad.add(FIELD + ".time[" + i + "]", "must be after the previous sample's time");
            } else if (!inside) {
                bad.add(FIELD + ".time[" + i + "]", "must be within 60 s of [started_at, ended_at]");
            }
        }
    }

    /** Bad values, the first {@link RunValidation#MAX_TRACK_ERRORS} named, the rest counted. */
    private static final class BadValues {
        private final BiConsumer<String, String> error;
        private int count;

        BadValues(BiConsumer<String, String> error) {
            this.error = error;
        }

        void add(String field, String message) {
            if (++count <= RunValidation.MAX_TRACK_ERRORS) {
                error.accept(field, message);
            }
        }

        void summarise() {
            if (count > RunValidation.MAX_TRACK_ERRORS) {
                error.accept(FIELD, (count - RunValidation.MAX_TRACK_ERRORS) + " more sample values are invalid");
            }
        }
    }
}

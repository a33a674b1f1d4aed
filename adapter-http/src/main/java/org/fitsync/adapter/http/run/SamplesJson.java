package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.run.DraftSamples;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Samples;

/**
 * A run's {@code samples} object: {@code {"time": [epoch_ms, …], "heart_rate": [bpm | null, …], …}},
 * equal-length arrays. Reading notes every value of the wrong JSON type as
 * {@code samples.<name>[i]} (the first 50); the domain checks names, lengths and ranges.
 */
final class SamplesJson {

    private static final String FIELD = "samples";
    private static final int MAX_REPORTED = 50;
    /** Whole numbers below this are written without a fraction, as a watch's integers were sent. */
    private static final double EXACT_INTEGERS = 0x1p53;

    private SamplesJson() {}

    static Optional<DraftSamples> read(JsonNode body, List<FieldError> errors) {
        JsonNode node = body.get(FIELD);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(new FieldError(FIELD, "must be an object of equal-length arrays with a time array"));
            return Optional.empty();
        }
        int[] bad = {0};
        Optional<long[]> times = Optional.empty();
        Map<String, double[]> streams = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String field = FIELD + "." + member.getKey();
            JsonNode array = member.getValue();
            if (!array.isArray()) {
                errors.add(new FieldError(field, "must be an array"));
                continue;
            }
            if (member.getKey().equals("time")) {
                times = Optional.of(times(array, errors, bad));
            } else {
                streams.put(member.getKey(), values(field, array, errors, bad));
            }
        }
        if (bad[0] > MAX_REPORTED) {
            errors.add(new FieldError(FIELD, (bad[0] - MAX_REPORTED) + " more sample values are malformed"));
        }
        return Optional.of(new DraftSamples(times, streams));
    }

    private static long[] times(JsonNode array, List<FieldError> errors, int[] bad) {
        long[] times = new long[array.size()];
        for (int i = 0; i < times.length; i++) {
            JsonNode t = array.get(i);
            if (t.isIntegralNumber() && t.canConvertToLong()) {
                times[i] = t.longValue();
            } else if (++bad[0] <= MAX_REPORTED) {
                errors.add(new FieldError(FIELD + ".time[" + i + "]", "must be a whole number of epoch ms"));
            }
        }
        return times;
    }

    private static double[] values(String field, JsonNode array, List<FieldError> errors, int[] bad) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            if (v.isNumber()) {
                values[i] = v.doubleValue();
            } else {
                values[i] = Double.NaN;
                if (!v.isNull() && ++bad[0] <= MAX_REPORTED) {
                    errors.add(new FieldError(field + "[" + i + "]", "must be a number or null"));
                }
            }
        }
        return values;
    }

    /** Writes the {@code samples} member: times, then each recorded stream, a missing value as null. */
    static void write(JsonGenerator json, Samples samples) throws IOException {
        json.writeObjectFieldStart(FIELD);
        json.writeArrayFieldStart("time");
        for (int i = 0; i < samples.size(); i++) {
            json.writeNumber(samples.epochMs(i));
        }
        json.writeEndArray();
        for (SampleStream stream : samples.streams()) {
            json.writeArrayFieldStart(stream.wireName());
            for (int i = 0; i < samples.size(); i++) {
                double value = samples.value(stream, i);
                if (Double.isNaN(value)) {
                    json.writeNull();
                } else if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
                    json.writeNumber((long) value);
                } else {
                    json.writeNumber(value);
                }
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}

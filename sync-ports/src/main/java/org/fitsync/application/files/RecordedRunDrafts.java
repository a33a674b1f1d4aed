package org.fitsync.application.files;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.run.DraftSamples;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Track;

/**
 * Turns a recording read from a file into the draft {@code POST /api/v1/runs} would build, so the run
 * rules judge it like any other run (docs/api.md, Activity files: mapping). Public for {@link #streams}, which
 * the Strava archive import uses to keep a file's samples exactly as an uploaded file's are kept.
 */
public final class RecordedRunDrafts {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private RecordedRunDrafts() {}

    /**
     * The run id of a file's bytes: a name-based UUID of the user and the SHA-256, so processing the
     * same bytes again (after a crash, or as another upload) arrives at the same run and never a second.
     */
    static UUID runId(UserId user, Sha256 sha256) {
        return UUID.nameUUIDFromBytes(("fitsync activity file run\u0000" + user.value() + "\u0000" + sha256.hex())
                .getBytes(StandardCharsets.UTF_8));
    }

    static RunDraft draft(UUID id, ActivityRecording recording) {
        Instant start = recording.start().truncatedTo(ChronoUnit.MICROS);
        Instant end = start.plusSeconds(Math.max(0, recording.elapsedS()));
        Track track = track(recording);
        List<RecordedSample> samples = recording.samples();
        if (!samples.isEmpty()) {
            Instant last = Instant.ofEpochMilli(samples.get(samples.size() - 1).epochMs());
            if (last.isAfter(end)) {
                end = last;
            }
        }
        long durationS = Math.max(0, recording.elapsedS());
        double distance = recording
                .distanceM()
                .orElseGet(() -> lastSampleDistance(recording).orElseGet(() -> trackLength(track)));
        RunDraft draft = new RunDraft(
                Optional.of(id.toString()),
                Optional.of(start.toString()),
                Optional.of(end.toString()),
                Optional.of(durationS),
                Optional.of(distance),
                Optional.of(FileRunSources.sourceOf(recording.manufacturer()).wireName()),
                Optional.empty(),
                Optional.of(metadata(recording)),
                Optional.of(track),
                Optional.empty(),
                Optional.empty());
        return streams(recording).map(draft::withSamples).orElse(draft);
    }

    /**
     * The recording's heart rate, cadence, power, temperature and distance as the run's samples: one
     * per instant (a repeated timestamp keeps its first sample), each reading rounded to its stream's
     * step and dropped when implausible; empty when the file recorded none of them.
     */
    public static Optional<DraftSamples> streams(ActivityRecording recording) {
        List<RecordedSample> kept = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (RecordedSample sample : recording.samples()) {
            if (sample.epochMs() > previous) {
                kept.add(sample);
                previous = sample.epochMs();
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        column(columns, kept, SampleStream.HEART_RATE, RecordedSample::heartRate);
        column(columns, kept, SampleStream.CADENCE, RecordedSample::cadence);
        column(columns, kept, SampleStream.POWER, RecordedSample::powerW);
        column(columns, kept, SampleStream.TEMPERATURE, RecordedSample::temperatureC);
        column(columns, kept, SampleStream.DISTANCE_M, RecordedSample::distanceM);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        long[] times = kept.stream().mapToLong(RecordedSample::epochMs).toArray();
        return Optional.of(new DraftSamples(Optional.of(times), columns));
    }

    private static void column(
            Map<String, double[]> columns,
            List<RecordedSample> samples,
            SampleStream stream,
            Function<RecordedSample, OptionalDouble> value) {
        double[] column = new double[samples.size()];
        boolean any = false;
        for (int i = 0; i < column.length; i++) {
            OptionalDouble raw = value.apply(samples.get(i));
            column[i] = raw.isPresent() ? stream.reading(raw.getAsDouble()) : Double.NaN;
            any |= !Double.isNaN(column[i]);
        }
        if (any) {
            columns.put(stream.wireName(), column);
        }
    }

    /** The samples with a position, in file order. */
    static Track track(ActivityRecording recording) {
        Track.Builder builder = Track.builder(recording.samples().size());
        for (RecordedSample sample : recording.samples()) {
            if (!sample.hasPosition()) {
                continue;
            }
            double lat = sample.lat().getAsDouble();
            double lon = sample.lon().getAsDouble();
            if (sample.elevationM().isPresent()) {
                builder.add(sample.epochMs(), lat, lon, sample.elevationM().getAsDouble());
            } else {
                builder.add(sample.epochMs(), lat, lon);
            }
        }
        return builder.build();
    }

    private static Optional<Double> lastSampleDistance(ActivityRecording recording) {
        for (int i = recording.samples().size() - 1; i >= 0; i--) {
            RecordedSample sample = recording.samples().get(i);
            if (sample.distanceM().isPresent()) {
                return Optional.of(sample.distanceM().getAsDouble());
            }
        }
        return Optional.empty();
    }

    /** The track's length along great circles (haversine), for files that state no distance. */
    static double trackLength(Track track) {
        double total = 0;
        for (int i = 1; i < track.size(); i++) {
            double lat1 = Math.toRadians(track.lat(i - 1));
            double lat2 = Math.toRadians(track.lat(i));
            double dLat = lat2 - lat1;
            double dLon = Math.toRadians(track.lon(i) - track.lon(i - 1));
            double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                    + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            total += 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
        }
        return total;
    }

    /** {@code {"name"?, "sport"}} in the canonical form (members sorted, no whitespace). */
    static String metadata(ActivityRecording recording) {
        StringBuilder json = new StringBuilder("{");
        recording.name().ifPresent(name -> {
            json.append("\"name\":");
            string(json, name);
            json.append(',');
        });
        json.append("\"sport\":");
        string(json, recording.kind().sport());
        return json.append('}').toString();
    }

    /** A JSON string literal; NUL is dropped, as jsonb refuses it. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\0' -> {}
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}

package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.client.jvm.http.JsonBodyPublisher.JsonStep;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/** The JSON request bodies of docs/api.md, as steps a {@link JsonBodyPublisher} writes one after another. */
final class RequestBodies {

    /** Track points written per step: a few kilobytes of JSON. */
    static final int POINTS_PER_STEP = 200;

    private RequestBodies() {}

    /** {@code {"id", "filename", "size", "sha256"}}, a file's declaration. */
    static List<JsonStep> file(FileDeclaration file) {
        return List.of(json -> {
            json.writeStartObject();
            json.writeStringField("id", file.id().toString());
            json.writeStringField("filename", file.filename());
            json.writeNumberField("size", file.size());
            json.writeStringField("sha256", file.sha256().hex());
            json.writeEndObject();
        });
    }

    /** {@code {"changes": {coll: {"created", "updated", "deleted"}}, "last_pulled_at"}}, a record per step. */
    static List<JsonStep> push(PushRequest request) {
        List<JsonStep> steps = new ArrayList<>();
        steps.add(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("changes");
        });
        for (Map.Entry<String, CollectionChanges> entry : request.changes().entrySet()) {
            CollectionChanges changes = entry.getValue();
            steps.add(json -> {
                json.writeObjectFieldStart(entry.getKey());
                json.writeArrayFieldStart("created");
            });
            changes.created().forEach(record -> steps.add(json -> record(json, record)));
            steps.add(json -> {
                json.writeEndArray();
                json.writeArrayFieldStart("updated");
            });
            changes.updated().forEach(record -> steps.add(json -> record(json, record)));
            steps.add(json -> {
                json.writeEndArray();
                json.writeArrayFieldStart("deleted");
                for (RecordId id : changes.deleted()) {
                    json.writeString(id.value());
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        }
        steps.add(json -> {
            json.writeEndObject();
            json.writeNumberField("last_pulled_at", request.lastPulledAt());
            json.writeEndObject();
        });
        return steps;
    }

    /**
     * A record as WatermelonDB pushes it: id, the two timestamps, then its values. Values named like the
     * three protocol fields are left out (a duplicate key is a malformed body to the server).
     */
    private static void record(JsonGenerator json, WireRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.id().value());
        json.writeNumberField("created_at", record.createdAt());
        json.writeNumberField("updated_at", record.updatedAt());
        for (Map.Entry<String, Value> column : record.values().entrySet()) {
            String name = column.getKey();
            if (name.equals("id") || name.equals("created_at") || name.equals("updated_at")) {
                continue;
            }
            json.writeFieldName(name);
            value(json, column.getValue());
        }
        json.writeEndObject();
    }

    /** A structured value's content was never kept (no column holds one), so it goes as null. */
    private static void value(JsonGenerator json, Value value) throws IOException {
        if (value instanceof Value.Text text) {
            json.writeString(text.value());
        } else if (value instanceof Value.Num num) {
            number(json, num.value());
        } else if (value instanceof Value.Bool bool) {
            json.writeBoolean(bool.value());
        } else {
            json.writeNull();
        }
    }

    /** A whole number as an integer ({@code 1795158000000}, not {@code 1.795158E12}); any other double exactly. */
    private static void number(JsonGenerator json, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }

    /** {@code POST /api/v1/runs}: the run, its metadata as the raw JSON object it is, the track in chunks. */
    static List<JsonStep> run(NewRun run) {
        List<JsonStep> steps = new ArrayList<>();
        steps.add(json -> {
            json.writeStartObject();
            json.writeStringField("id", run.id().toString());
            json.writeStringField("started_at", run.startedAt().toString());
            json.writeStringField("ended_at", run.endedAt().toString());
            json.writeNumberField("duration_s", run.durationS());
            json.writeFieldName("distance_m");
            number(json, run.distanceM());
            json.writeStringField("source", run.source().wireName());
            if (run.notes().isPresent()) {
                json.writeStringField("notes", run.notes().get());
            }
            if (run.metadataJson().isPresent()) {
                json.writeFieldName("metadata");
                json.writeRawValue(run.metadataJson().get());
            }
            json.writeArrayFieldStart("track");
        });
        Track track = run.track();
        for (int from = 0; from < track.size(); from += POINTS_PER_STEP) {
            int start = from;
            int end = Math.min(track.size(), from + POINTS_PER_STEP);
            steps.add(json -> points(json, track, start, end));
        }
        steps.add(json -> {
            json.writeEndArray();
            json.writeEndObject();
        });
        return steps;
    }

    /** {@code [epoch_ms, lat, lon, elevation | null]} per point, each double exactly as recorded. */
    private static void points(JsonGenerator json, Track track, int start, int end) throws IOException {
        for (int i = start; i < end; i++) {
            json.writeStartArray();
            json.writeNumber(track.epochMs(i));
            json.writeNumber(track.lat(i));
            json.writeNumber(track.lon(i));
            if (track.hasElevation(i)) {
                json.writeNumber(track.elevationM(i));
            } else {
                json.writeNull();
            }
            json.writeEndArray();
        }
    }

    /** {@code POST /api/v1/ingest/steps}: {@code {"source", "items": [{"date", "steps"}]}}. */
    static List<JsonStep> steps(DeviceSource source, List<StepsReading> items) {
        return batch(source, items, (json, reading) -> {
            json.writeStartObject();
            json.writeStringField("date", reading.date().toString());
            json.writeNumberField("steps", reading.steps());
            json.writeEndObject();
        });
    }

    /** {@code POST /api/v1/ingest/sleep}: a night per item, its stages only where the device reported them. */
    static List<JsonStep> sleep(DeviceSource source, List<SleepReading> items) {
        return batch(source, items, (json, reading) -> {
            SleepRecord night = reading.record();
            json.writeStartObject();
            json.writeStringField("date", reading.date().toString());
            json.writeStringField("start", night.start().toString());
            json.writeStringField("end", night.end().toString());
            json.writeNumberField("total_min", night.totalMin());
            stage(json, "deep_min", night.stages().deepMin());
            stage(json, "light_min", night.stages().lightMin());
            stage(json, "rem_min", night.stages().remMin());
            stage(json, "awake_min", night.stages().awakeMin());
            json.writeEndObject();
        });
    }

    private static void stage(JsonGenerator json, String field, Optional<Integer> minutes) throws IOException {
        if (minutes.isPresent()) {
            json.writeNumberField(field, minutes.get());
        }
    }

    private interface ItemWriter<T> {
        void write(JsonGenerator json, T item) throws IOException;
    }

    private static <T> List<JsonStep> batch(DeviceSource source, List<T> items, ItemWriter<T> item) {
        List<JsonStep> steps = new ArrayList<>();
        steps.add(json -> {
            json.writeStartObject();
            json.writeStringField("source", source.wireName());
            json.writeArrayFieldStart("items");
        });
        items.forEach(reading -> steps.add(json -> item.write(json, reading)));
        steps.add(json -> {
            json.writeEndArray();
            json.writeEndObject();
        });
        return steps;
    }
}

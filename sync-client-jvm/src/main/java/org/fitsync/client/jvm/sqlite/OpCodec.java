package org.fitsync.client.jvm.sqlite;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.ValidationResult;

/**
 * An {@link OutboxOp} as a queue row: a kind, a JSON payload and, for a run, its packed track. Reading a
 * row builds the op through the domain's own checks ({@link RunValidation} for a run, the readings'
 * constructors), so a row that no longer passes them is reported as damaged rather than sent.
 */
final class OpCodec {

    static final String RUN = "run";
    static final String STEPS = "steps";
    static final String SLEEP = "sleep";
    static final String FILE = "file";

    /** What a queue row holds; {@code track} is null for every op but a run. */
    static final class Row {
        private final String kind;
        private final String payload;
        private final byte[] track;

        Row(String kind, String payload, byte[] track) {
            this.kind = kind;
            this.payload = payload;
            this.track = track;
        }

        String kind() {
            return kind;
        }

        String payload() {
            return payload;
        }

        byte[] track() {
            return track;
        }
    }

    private OpCodec() {}

    static Row encode(OutboxOp op) {
        if (op instanceof OutboxOp.SubmitRun submit) {
            NewRun run = submit.run();
            String payload = JsonText.write(json -> {
                json.writeStartObject();
                json.writeStringField("id", run.id().toString());
                json.writeStringField("started_at", run.startedAt().toString());
                json.writeStringField("ended_at", run.endedAt().toString());
                json.writeNumberField("duration_s", run.durationS());
                json.writeFieldName("distance_m");
                json.writeNumber(run.distanceM());
                json.writeStringField("source", run.source().wireName());
                writeOptional(json, "notes", run.notes());
                writeOptional(json, "metadata", run.metadataJson());
                writeOptional(json, "strava_id", run.stravaId());
                writeOptional(json, "weather", run.weatherJson());
                json.writeEndObject();
            });
            return new Row(RUN, payload, TrackBlob.pack(run.track()));
        }
        if (op instanceof OutboxOp.IngestSteps steps) {
            String payload = JsonText.write(json -> {
                json.writeStartObject();
                json.writeStringField("source", steps.source().wireName());
                json.writeStringField("date", steps.reading().date().toString());
                json.writeNumberField("steps", steps.reading().steps());
                json.writeEndObject();
            });
            return new Row(STEPS, payload, null);
        }
        if (op instanceof OutboxOp.UploadFile upload) {
            FileDeclaration file = upload.file();
            String payload = JsonText.write(json -> {
                json.writeStartObject();
                json.writeStringField("id", file.id().toString());
                json.writeStringField("filename", file.filename());
                json.writeNumberField("size", file.size());
                json.writeStringField("sha256", file.sha256().hex());
                json.writeEndObject();
            });
            return new Row(FILE, payload, null);
        }
        OutboxOp.IngestSleep sleep = (OutboxOp.IngestSleep) op;
        SleepRecord night = sleep.reading().record();
        String payload = JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("source", sleep.source().wireName());
            json.writeStringField("date", sleep.reading().date().toString());
            json.writeStringField("start", night.start().toString());
            json.writeStringField("end", night.end().toString());
            json.writeNumberField("total_min", night.totalMin());
            writeMinutes(json, "deep_min", night.stages().deepMin());
            writeMinutes(json, "light_min", night.stages().lightMin());
            writeMinutes(json, "rem_min", night.stages().remMin());
            writeMinutes(json, "awake_min", night.stages().awakeMin());
            json.writeEndObject();
        });
        return new Row(SLEEP, payload, null);
    }

    static OutboxOp decode(String kind, String payload, byte[] track) {
        Map<String, Object> fields = fields(payload);
        try {
            return switch (kind) {
                case RUN -> {
                    if (track == null) {
                        throw JsonText.corrupted("queued run", "its track is missing");
                    }
                    yield new OutboxOp.SubmitRun(run(fields, track));
                }
                case STEPS ->
                    new OutboxOp.IngestSteps(
                            source(fields),
                            new StepsReading(
                                    LocalDate.parse(text(fields, "date")), Math.toIntExact(whole(fields, "steps"))));
                case SLEEP ->
                    new OutboxOp.IngestSleep(
                            source(fields),
                            new SleepReading(
                                    LocalDate.parse(text(fields, "date")),
                                    new SleepRecord(
                                            Instant.parse(text(fields, "start")),
                                            Instant.parse(text(fields, "end")),
                                            Math.toIntExact(whole(fields, "total_min")),
                                            new SleepStages(
                                                    minutes(fields, "deep_min"),
                                                    minutes(fields, "light_min"),
                                                    minutes(fields, "rem_min"),
                                                    minutes(fields, "awake_min")))));
                case FILE ->
                    new OutboxOp.UploadFile(new FileDeclaration(
                            UUID.fromString(text(fields, "id")),
                            text(fields, "filename"),
                            whole(fields, "size"),
                            new Sha256(text(fields, "sha256"))));
                default -> throw JsonText.corrupted("queued op", "unknown kind " + kind);
            };
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            // The domain's constructors refused what was valid when it was queued: the row changed.
            throw new IllegalStateException("the stored " + kind + " op is damaged: " + e.getMessage(), e);
        }
    }

    private static NewRun run(Map<String, Object> fields, byte[] track) {
        RunDraft draft = new RunDraft(
                Optional.of(text(fields, "id")),
                Optional.of(text(fields, "started_at")),
                Optional.of(text(fields, "ended_at")),
                Optional.of(whole(fields, "duration_s")),
                Optional.of(number(fields, "distance_m")),
                Optional.of(text(fields, "source")),
                optionalText(fields, "notes"),
                optionalText(fields, "metadata"),
                Optional.of(TrackBlob.unpack(track)),
                optionalText(fields, "strava_id"),
                optionalText(fields, "weather"));
        ValidationResult result = RunValidation.validate(draft);
        if (result instanceof ValidationResult.Invalid invalid) {
            throw JsonText.corrupted("queued run", "it no longer passes validation: " + invalid.errors());
        }
        return ((ValidationResult.Valid) result).run();
    }

    private static void writeOptional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }

    private static void writeMinutes(JsonGenerator json, String name, Optional<Integer> minutes) throws IOException {
        if (minutes.isPresent()) {
            json.writeNumberField(name, minutes.get());
        }
    }

    /** The payload's members: strings as {@link String}, integers as {@link Long}, other numbers as {@link Double}. */
    private static Map<String, Object> fields(String payload) {
        return JsonText.read(payload, "queued op", json -> {
            JsonText.expect(json, JsonToken.START_OBJECT, "queued op");
            Map<String, Object> fields = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                fields.put(name, scalar(json));
            }
            JsonText.expect(json, JsonToken.END_OBJECT, "queued op");
            return fields;
        });
    }

    private static Object scalar(JsonParser json) throws IOException {
        JsonToken token = json.nextToken();
        if (token == null) {
            throw JsonText.corrupted("queued op", "the text ends inside the object");
        }
        return switch (token) {
            case VALUE_STRING -> json.getText();
            case VALUE_NUMBER_INT -> json.getLongValue();
            case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
            default -> throw JsonText.corrupted("queued op", "unexpected " + token);
        };
    }

    private static DeviceSource source(Map<String, Object> fields) {
        String wire = text(fields, "source");
        return DeviceSource.fromWireName(wire)
                .orElseThrow(() -> JsonText.corrupted("queued op", "unknown device source " + wire));
    }

    private static String text(Map<String, Object> fields, String name) {
        return optionalText(fields, name).orElseThrow(() -> JsonText.corrupted("queued op", "no " + name));
    }

    private static Optional<String> optionalText(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw JsonText.corrupted("queued op", name + " is not text");
        }
        return Optional.ofNullable((String) value);
    }

    private static long whole(Map<String, Object> fields, String name) {
        if (fields.get(name) instanceof Long value) {
            return value;
        }
        throw JsonText.corrupted("queued op", name + " is not a whole number");
    }

    private static double number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        throw JsonText.corrupted("queued op", name + " is not a number");
    }

    private static Optional<Integer> minutes(Map<String, Object> fields, String name) {
        return fields.containsKey(name) ? Optional.of(Math.toIntExact(whole(fields, name))) : Optional.empty();
    }
}

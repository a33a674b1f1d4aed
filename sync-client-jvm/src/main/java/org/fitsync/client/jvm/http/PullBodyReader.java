package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/**
 * Reads a pull answer token by token and hands each record to the sink the moment it is read: only the
 * record being read is held, so a first sync of any size fits in a small heap. {@code created} and
 * {@code updated} are both "the record is now this"; every collection is passed on, the core decides
 * which it keeps. The cursor, {@code has_more} and the strategy follow {@code changes} on the wire, so
 * they are known only at the end.
 */
final class PullBodyReader {

    private static final String SHAPE = "a pull answer {\"changes\": {...}, \"timestamp\": n}";

    private final JsonParser json;
    private final PullSink sink;

    private PullBodyReader(JsonParser json, PullSink sink) {
        this.json = json;
        this.sink = sink;
    }

    static PullReceipt read(JsonParser json, PullSink sink) throws IOException {
        return new PullBodyReader(json, sink).answer();
    }

    private PullReceipt answer() throws IOException {
        JsonReading.next(json, JsonToken.START_OBJECT, SHAPE);
        Optional<Long> timestamp = Optional.empty();
        boolean hasMore = false;
        boolean replacement = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "changes" -> changes();
                case "timestamp" -> timestamp = JsonReading.integer(json);
                case "has_more" -> hasMore = value == JsonToken.VALUE_TRUE;
                case "experimentalStrategy" ->
                    replacement =
                            JsonReading.text(json).filter("replacement"::equals).isPresent();
                default -> json.skipChildren();
            }
        }
        JsonReading.end(json);
        if (!timestamp.isPresent() || timestamp.get() < 0) {
            throw new MalformedAnswerException("a pull answer with a timestamp");
        }
        return new PullReceipt(timestamp.get(), hasMore, replacement);
    }

    private void changes() throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedAnswerException("changes as an object of collections");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String collection = json.currentName();
            JsonReading.next(json, JsonToken.START_OBJECT, "a collection's changes as an object");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String section = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.START_ARRAY && (section.equals("created") || section.equals("updated"))) {
                    records(collection);
                } else if (value == JsonToken.START_ARRAY && section.equals("deleted")) {
                    deleted(collection);
                } else {
                    json.skipChildren();
                }
            }
        }
    }

    private void records(String collection) throws IOException {
        while (json.nextToken() == JsonToken.START_OBJECT) {
            sink.record(collection, record());
        }
        if (json.currentToken() != JsonToken.END_ARRAY) {
            throw new MalformedAnswerException("records as objects");
        }
    }

    private WireRecord record() throws IOException {
        Optional<String> id = Optional.empty();
        long createdAt = 0;
        long updatedAt = 0;
        Map<String, Value> values = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String column = json.currentName();
            JsonToken token = json.nextToken();
            switch (column) {
                case "id" -> id = JsonReading.text(json);
                case "created_at" -> createdAt = JsonReading.integer(json).orElse(0L);
                case "updated_at" -> updatedAt = JsonReading.integer(json).orElse(0L);
                default -> values.put(column, value(token));
            }
        }
        Optional<RecordId> recordId = id.flatMap(RecordId::parse);
        if (!recordId.isPresent()) {
            throw new MalformedAnswerException("a record with a valid id");
        }
        return new WireRecord(recordId.get(), values, createdAt, updatedAt);
    }

    private Value value(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new Value.Text(json.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(json.getDoubleValue());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case START_ARRAY, START_OBJECT -> {
                json.skipChildren();
                yield Value.STRUCTURED;
            }
            default -> Value.NULL;
        };
    }

    /** A number past a double's range cannot be held; it counts as missing, as the server's sanitiser would. */
    private static Value number(double value) {
        return Double.isFinite(value) ? new Value.Num(value) : Value.NULL;
    }

    private void deleted(String collection) throws IOException {
        while (json.nextToken() == JsonToken.VALUE_STRING) {
            Optional<RecordId> id = RecordId.parse(json.getText());
            if (!id.isPresent()) {
                throw new MalformedAnswerException("deleted ids that are valid record ids");
            }
            sink.deleted(collection, id.get());
        }
        if (json.currentToken() != JsonToken.END_ARRAY) {
            throw new MalformedAnswerException("deleted as an array of ids");
        }
    }
}

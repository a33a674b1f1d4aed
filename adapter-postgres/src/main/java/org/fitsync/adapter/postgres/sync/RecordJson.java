package org.fitsync.adapter.postgres.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;

/**
 * A record as the {@code data} column keeps it, and back: its wire form ({@code id}, the declared
 * columns, {@code created_at}, {@code updated_at}), so that a pull serves the column as it is.
 * Streamed both ways: a push loads and stores many records, and needs no tree of any of them.
 */
final class RecordJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordJson() {}

    static String write(SyncRecord record) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeRecord(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRecord(JsonGenerator json, SyncRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.id().value());
        for (Map.Entry<String, Value> field : record.fields().entrySet()) {
            json.writeFieldName(field.getKey());
            writeValue(json, field.getValue());
        }
        json.writeNumberField("created_at", record.createdAt());
        json.writeNumberField("updated_at", record.updatedAt());
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Value value) throws IOException {
        if (value instanceof Value.Text text) {
            json.writeString(text.value());
        } else if (value instanceof Value.Num number) {
            if (number.isSafeInteger()) {
                json.writeNumber((long) number.value());
            } else {
                json.writeNumber(number.value());
            }
        } else if (value instanceof Value.Bool bool) {
            json.writeBoolean(bool.value());
        } else {
            json.writeNull();
        }
    }

    /** Reads a stored record back; columns declared since it was stored read as their fallback. */
    static SyncRecord read(Collection collection, RecordId id, String data) {
        Map<String, Value> stored = new HashMap<>();
        long createdAt = 0;
        long updatedAt = 0;
        try (JsonParser json = FACTORY.createParser(data)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                Value value = valueOf(json, json.nextToken());
                if (name.equals("created_at")) {
                    createdAt = millis(value);
                } else if (name.equals("updated_at")) {
                    updatedAt = millis(value);
                } else {
                    stored.put(name, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stored record " + id + " is not a JSON object", e);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Column column : collection.columns()) {
            Value field = stored.get(column.name());
            fields.put(column.name(), field == null ? column.fallback() : column.sanitise(field));
        }
        return new SyncRecord(id, fields, createdAt, updatedAt);
    }

    /** The value at the parser's current token; an array or object is skipped whole. */
    private static Value valueOf(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new Value.Text(json.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Value.Num(json.getDoubleValue());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case VALUE_NULL -> Value.NULL;
            default -> {
                json.skipChildren();
                yield Value.STRUCTURED;
            }
        };
    }

    /** A stored timestamp: the records this class writes hold it as an integer. */
    private static long millis(Value value) {
        return value instanceof Value.Num number ? (long) number.value() : 0;
    }
}

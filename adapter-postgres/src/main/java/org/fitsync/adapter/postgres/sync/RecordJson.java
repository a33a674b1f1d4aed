package org.fitsync.adapter.postgres.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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

    /**
     * The record's text, written by hand rather than through a JSON generator: a push writes one per
     * record, and a generator's set-up and its writer cost more than the few values in between.
     * Column names need no escaping (they are {@code [a-z][a-z0-9_]*}, {@link Column}), ids neither
     * ({@link RecordId}); strings are escaped as JSON requires. PostgreSQL keeps its own rendering of
     * the parsed document, so only the values written here matter, not their spelling.
     */
    static String write(SyncRecord record) {
        StringBuilder json = new StringBuilder(64 + 32 * record.fields().size());
        json.append("{\"id\":\"").append(record.id().value()).append('"');
        for (Map.Entry<String, Value> field : record.fields().entrySet()) {
            json.append(",\"").append(field.getKey()).append("\":");
            writeValue(json, field.getValue());
        }
        json.append(",\"created_at\":").append(record.createdAt());
        json.append(",\"updated_at\":").append(record.updatedAt());
        return json.append('}').toString();
    }

    private static void writeValue(StringBuilder json, Value value) {
        if (value instanceof Value.Text text) {
            writeString(json, text.value());
        } else if (value instanceof Value.Num number) {
            if (number.isSafeInteger()) {
                json.append((long) number.value());
            } else {
                json.append(number.value()); // Double.toString: reads back as the same double
            }
        } else if (value instanceof Value.Bool bool) {
            json.append(bool.value());
        } else {
            json.append("null");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A JSON string: quotes, backslashes and control characters escaped, everything else as is. */
    static void writeString(StringBuilder json, String value) {
        json.append('"');
        int plain = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(value, plain, i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        json.append(value, plain, value.length()).append('"');
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

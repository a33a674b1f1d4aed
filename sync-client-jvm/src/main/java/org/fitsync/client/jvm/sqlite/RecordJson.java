package org.fitsync.client.jvm.sqlite;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fitsync.domain.sync.Value;

/**
 * A record's values as one JSON object, so SQLite's {@code json_extract} can filter on any column, and
 * its changed columns as a JSON array. Numbers are written with {@link JsonGenerator#writeNumber(double)}
 * (the shortest text that reads back as the same double) and read back as doubles, so every value,
 * {@code -0.0} included, returns bit for bit. Structured values carry no content and are kept as {@code {}}.
 */
final class RecordJson {

    private RecordJson() {}

    static String values(Map<String, Value> values) {
        // Sorted, so equal records are equal text (a later digest or dedupe can rely on it).
        Map<String, Value> sorted = new TreeMap<>(values);
        return JsonText.write(json -> {
            json.writeStartObject();
            for (Map.Entry<String, Value> entry : sorted.entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        });
    }

    static Map<String, Value> values(String text) {
        return JsonText.read(text, "record values", json -> {
            JsonText.expect(json, JsonToken.START_OBJECT, "record values");
            Map<String, Value> values = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String column = json.currentName();
                json.nextToken();
                values.put(column, readValue(json));
            }
            JsonText.expect(json, JsonToken.END_OBJECT, "record values");
            return values;
        });
    }

    static String columns(Set<String> columns) {
        Set<String> sorted = new TreeSet<>(columns);
        return JsonText.write(json -> {
            json.writeStartArray();
            for (String column : sorted) {
                json.writeString(column);
            }
            json.writeEndArray();
        });
    }

    static Set<String> columns(String text) {
        return JsonText.read(text, "changed columns", json -> {
            JsonText.expect(json, JsonToken.START_ARRAY, "changed columns");
            Set<String> columns = new LinkedHashSet<>();
            while (json.nextToken() == JsonToken.VALUE_STRING) {
                columns.add(json.getText());
            }
            JsonText.expect(json, JsonToken.END_ARRAY, "changed columns");
            return columns;
        });
    }

    private static void writeValue(JsonGenerator json, Value value) throws IOException {
        if (value instanceof Value.Text text) {
            json.writeString(text.value());
        } else if (value instanceof Value.Num num) {
            json.writeNumber(num.value());
        } else if (value instanceof Value.Bool bool) {
            json.writeBoolean(bool.value());
        } else if (value instanceof Value.Null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeEndObject();
        }
    }

    private static Value readValue(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == null) {
            throw JsonText.corrupted("record values", "the text ends inside the object");
        }
        return switch (token) {
            case VALUE_STRING -> new Value.Text(json.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Value.Num(json.getDoubleValue());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case VALUE_NULL -> Value.NULL;
            case START_OBJECT, START_ARRAY -> {
                json.skipChildren();
                yield Value.STRUCTURED;
            }
            default -> throw JsonText.corrupted("record values", "unexpected " + token);
        };
    }
}

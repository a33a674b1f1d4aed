package org.fitsync.adapter.postgres.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;

/** The wire form of a record (what a pull returns) and back, as kept in the {@code data} column. */
final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

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
        JsonNode node;
        try {
            node = MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("stored record " + id + " is not JSON", e);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Column column : collection.columns()) {
            JsonNode field = node.get(column.name());
            fields.put(column.name(), field == null ? column.fallback() : column.sanitise(valueOf(field)));
        }
        return new SyncRecord(id, fields, node.path("created_at").asLong(0), node.path("updated_at").asLong(0));
    }

    private static Value valueOf(JsonNode node) {
        if (node.isTextual()) {
            return new Value.Text(node.textValue());
        }
        if (node.isNumber()) {
            return new Value.Num(node.doubleValue());
        }
        if (node.isBoolean()) {
            return new Value.Bool(node.booleanValue());
        }
        return node.isNull() ? Value.NULL : Value.STRUCTURED;
    }
}

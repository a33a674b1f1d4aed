package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;

/**
 * A record's wire form (docs/api.md, "Sync"): {@code id}, the declared columns in declaration order,
 * {@code created_at} and {@code updated_at}. The generic store keeps records in this same form.
 */
final class SyncRecordJson {

    private SyncRecordJson() {}

    static void write(JsonGenerator json, SyncRecord record) throws IOException {
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
            // JavaScript clients read every number as a double: integers are written without ".0".
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
}

package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.domain.sync.RecordId;

/** Reads {@code {"timestamp", "conflicts", "experimentalRejectedIds"}}, the answer to a push. */
final class PushReceiptReader {

    private PushReceiptReader() {}

    static PushReceipt read(JsonParser json) throws IOException {
        JsonReading.next(json, JsonToken.START_OBJECT, "a push answer object");
        Optional<Long> timestamp = Optional.empty();
        Map<String, Set<RecordId>> rejected = new HashMap<>();
        List<PushReceipt.PushConflict> conflicts = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "timestamp" -> timestamp = JsonReading.integer(json);
                case "experimentalRejectedIds" -> rejected(json, rejected);
                case "conflicts" -> conflicts(json, conflicts);
                default -> json.skipChildren();
            }
        }
        JsonReading.end(json);
        if (!timestamp.isPresent()) {
            throw new MalformedAnswerException("a push answer with a timestamp");
        }
        return new PushReceipt(timestamp.get(), rejected, conflicts);
    }

    private static void rejected(JsonParser json, Map<String, Set<RecordId>> rejected) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String collection = json.currentName();
            if (json.nextToken() != JsonToken.START_ARRAY) {
                json.skipChildren();
                continue;
            }
            Set<RecordId> ids = rejected.computeIfAbsent(collection, c -> new HashSet<>());
            while (json.nextToken() != JsonToken.END_ARRAY) {
                JsonReading.text(json).flatMap(RecordId::parse).ifPresent(ids::add);
            }
        }
    }

    private static void conflicts(JsonParser json, List<PushReceipt.PushConflict> conflicts) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            Optional<String> table = Optional.empty();
            Optional<RecordId> id = Optional.empty();
            Optional<String> winner = Optional.empty();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "table" -> table = JsonReading.text(json);
                    case "id" -> id = JsonReading.text(json).flatMap(RecordId::parse);
                    case "winner" -> winner = JsonReading.text(json);
                    default -> json.skipChildren();
                }
            }
            if (table.isPresent() && id.isPresent() && winner.isPresent()) {
                conflicts.add(new PushReceipt.PushConflict(table.get(), id.get(), winner.get()));
            }
        }
    }
}

package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.Value;

/**
 * Reads a push body ({@code {"changes": …, "last_pulled_at": …}}) into raw changes. Only the shape is
 * checked here (422 per wrong field); collections, ids and values are the sync rules' business.
 */
final class PushRequestReader {

    private PushRequestReader() {}

    static RawChanges changes(JsonNode body) {
        JsonNode changes = body.get("changes");
        List<FieldError> errors = new ArrayList<>();
        if (changes == null || !changes.isObject()) {
            throw ProblemException.invalid("changes", "is required and must be an object of collections");
        }
        Map<String, RawChanges.Section> sections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : changes.properties()) {
            String path = "changes." + entry.getKey();
            JsonNode section = entry.getValue();
            if (!section.isObject()) {
                errors.add(new FieldError(path, "must be an object with created, updated and deleted"));
                continue;
            }
            sections.put(
                    entry.getKey(),
                    new RawChanges.Section(
                            records(section.get("created"), path + ".created", errors),
                            records(section.get("updated"), path + ".updated", errors),
                            deletedIds(section.get("deleted"), path + ".deleted", errors)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new RawChanges(sections);
    }

    /** {@code last_pulled_at} from the body, else from the query (WatermelonDB's docs send it there). */
    static Optional<Long> lastPulledAt(JsonNode body, Optional<String> query) {
        JsonNode node = body.get("last_pulled_at");
        if (node != null && !node.isNull()) {
            if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
                throw ProblemException.invalid("last_pulled_at", "must be an integer cursor or null");
            }
            return Optional.of(node.longValue());
        }
        if (node == null && query.isPresent()) {
            return QueryParams.cursor(query.get());
        }
        return Optional.empty();
    }

    private static List<Map<String, Value>> records(JsonNode array, String path, List<FieldError> errors) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            errors.add(new FieldError(path, "must be an array of records"));
            return List.of();
        }
        List<Map<String, Value>> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode record = array.get(i);
            if (!record.isObject()) {
                errors.add(new FieldError(path + "[" + i + "]", "must be an object"));
                continue;
            }
            Map<String, Value> fields = new LinkedHashMap<>();
            record.properties().forEach(f -> fields.put(f.getKey(), value(f.getValue())));
            records.add(fields);
        }
        return records;
    }

    private static List<Value> deletedIds(JsonNode array, String path, List<FieldError> errors) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            errors.add(new FieldError(path, "must be an array of ids"));
            return List.of();
        }
        List<Value> ids = new ArrayList<>(array.size());
        array.forEach(id -> ids.add(value(id)));
        return ids;
    }

    static Value value(JsonNode node) {
        if (node.isTextual()) {
            return new Value.Text(node.textValue());
        }
        if (node.isNumber()) {
            double number = node.doubleValue();
            // A literal beyond double range is not a number any client holds: sanitised away.
            return Double.isFinite(number) ? new Value.Num(number) : Value.STRUCTURED;
        }
        if (node.isBoolean()) {
            return new Value.Bool(node.booleanValue());
        }
        return node.isNull() ? Value.NULL : Value.STRUCTURED;
    }
}

package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
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
 * Reads a push body ({@code {"changes": …, "last_pulled_at": …}}) into raw changes, in one pass over
 * its tokens: a push of hundreds of records builds no JSON tree on the way to its values. Only the
 * shape is checked here (422 per wrong field, all of them at once, after the whole body has proven
 * well-formed); collections, ids and values are the sync rules' business.
 */
final class PushRequestReader {

    /** The push as read: its changes, and its cursor from the body or, absent there, the query. */
    record PushRequest(RawChanges changes, Optional<Long> lastPulledAt) {}

    private final Optional<String> queryCursor;
    private final List<FieldError> errors = new ArrayList<>();
    private Map<String, RawChanges.Section> sections;
    private FieldError cursorError;
    private boolean cursorInBody;
    private Optional<Long> lastPulledAt = Optional.empty();

    private PushRequestReader(Optional<String> queryCursor) {
        this.queryCursor = queryCursor;
    }

    /** Reads the object at the parser's {@code START_OBJECT}; WatermelonDB's docs put the cursor in the query. */
    static PushRequest read(JsonParser json, Optional<String> queryCursor) throws IOException {
        return new PushRequestReader(queryCursor).readBody(json);
    }

    private PushRequest readBody(JsonParser json) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            if (field.equals("changes")) {
                changes(json, token);
            } else if (field.equals("last_pulled_at")) {
                cursor(json, token);
            } else {
                json.skipChildren();
            }
        }
        if (sections == null) {
            throw ProblemException.invalid("changes", "is required and must be an object of collections");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (cursorError != null) {
            throw ProblemException.invalid(List.of(cursorError));
        }
        if (!cursorInBody && queryCursor.isPresent()) {
            lastPulledAt = QueryParams.cursor(queryCursor.get());
        }
        return new PushRequest(new RawChanges(sections), lastPulledAt);
    }

    private void changes(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            json.skipChildren();
            sections = null;
            return;
        }
        sections = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String collection = json.currentName();
            String path = "changes." + collection;
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                errors.add(new FieldError(path, "must be an object with created, updated and deleted"));
                continue;
            }
            List<Map<String, Value>> created = List.of();
            List<Map<String, Value>> updated = List.of();
            List<Value> deleted = List.of();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String list = json.currentName();
                JsonToken start = json.nextToken();
                switch (list) {
                    case "created" -> created = records(json, start, path + ".created");
                    case "updated" -> updated = records(json, start, path + ".updated");
                    case "deleted" -> deleted = deletedIds(json, start, path + ".deleted");
                    default -> json.skipChildren();
                }
            }
            sections.put(collection, new RawChanges.Section(created, updated, deleted));
        }
    }

    /** A cursor of {@code null} in the body means "never pulled" and is not overridden by the query. */
    private void cursor(JsonParser json, JsonToken token) throws IOException {
        cursorInBody = true;
        lastPulledAt = Optional.empty();
        cursorError = null;
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        Optional<Long> exact = token.isNumeric() ? exactLong(json, token) : Optional.empty();
        if (exact.isEmpty()) {
            json.skipChildren();
            cursorError = new FieldError("last_pulled_at", "must be an integer cursor or null");
        }
        lastPulledAt = exact;
    }

    /** The number as a long when it is an integral one in range ({@code 5.0} is; {@code 5.5} is not). */
    private static Optional<Long> exactLong(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? Optional.empty()
                    : Optional.of(json.getLongValue());
        }
        BigDecimal number = json.getDecimalValue();
        try {
            return Optional.of(number.longValueExact());
        } catch (ArithmeticException notExact) {
            return Optional.empty();
        }
    }

    private List<Map<String, Value>> records(JsonParser json, JsonToken start, String path) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (start != JsonToken.START_ARRAY) {
            json.skipChildren();
            errors.add(new FieldError(path, "must be an array of records"));
            return List.of();
        }
        List<Map<String, Value>> records = new ArrayList<>();
        int index = 0;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken(), index++) {
            if (token != JsonToken.START_OBJECT) {
                json.skipChildren();
                errors.add(new FieldError(path + "[" + index + "]", "must be an object"));
                continue;
            }
            Map<String, Value> fields = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                fields.put(name, value(json, json.nextToken()));
            }
            records.add(fields);
        }
        return records;
    }

    private List<Value> deletedIds(JsonParser json, JsonToken start, String path) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (start != JsonToken.START_ARRAY) {
            json.skipChildren();
            errors.add(new FieldError(path, "must be an array of ids"));
            return List.of();
        }
        List<Value> ids = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            ids.add(value(json, token));
        }
        return ids;
    }

    /** The value at the parser's current token; an array or object is skipped whole. */
    private static Value value(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new Value.Text(json.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(json.getDoubleValue());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case VALUE_NULL -> Value.NULL;
            default -> {
                json.skipChildren();
                yield Value.STRUCTURED;
            }
        };
    }

    /** A literal beyond double range is not a number any client holds: sanitised away. */
    private static Value number(double number) {
        return Double.isFinite(number) ? new Value.Num(number) : Value.STRUCTURED;
    }
}

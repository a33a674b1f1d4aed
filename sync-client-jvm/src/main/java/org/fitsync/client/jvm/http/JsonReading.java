package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;

/** Small pieces of pull parsing that every answer reader needs. */
final class JsonReading {

    private JsonReading() {}

    /** Reads the next token and checks it is {@code expected}; {@code what} names the shape for the failure. */
    static void next(JsonParser json, JsonToken expected, String what) throws IOException {
        if (json.nextToken() != expected) {
            throw new MalformedAnswerException(what);
        }
    }

    /** The current value when it is a string; any other value is skipped and empty. */
    static Optional<String> text(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            return Optional.of(json.getText());
        }
        json.skipChildren();
        return Optional.empty();
    }

    /** The current value as epoch milliseconds or a cursor: an integer, or a number cut to one. */
    static Optional<Long> integer(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return Optional.of(json.getLongValue());
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return Optional.of((long) json.getDoubleValue());
        }
        json.skipChildren();
        return Optional.empty();
    }

    /** The current value, an array of {@code {"field", "message"}} objects as a problem or an ingest item has. */
    static List<FieldError> fieldErrors(JsonParser json) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return errors;
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String field = "";
            String message = "";
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                if (name.equals("field")) {
                    field = text(json).orElse("");
                } else if (name.equals("message")) {
                    message = text(json).orElse("");
                } else {
                    json.skipChildren();
                }
            }
            errors.add(new FieldError(field, message));
        }
        return errors;
    }

    /** After the top-level object: nothing else may follow. */
    static void end(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
            throw new MalformedAnswerException("one JSON object");
        }
    }
}

package org.fitsync.client.jvm.sqlite;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.domain.FieldError;

/** An {@link ItemFailure} as a JSON object, kept with the failed record, op or run. */
final class FailureJson {

    private static final String WHAT = "item failure";

    private FailureJson() {}

    static String write(ItemFailure failure) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("reason", failure.reason().name());
            json.writeStringField("detail", failure.detail());
            if (failure.status().isPresent()) {
                json.writeNumberField("status", failure.status().get());
            }
            if (failure.problemType().isPresent()) {
                json.writeStringField("problem_type", failure.problemType().get());
            }
            json.writeArrayFieldStart("errors");
            for (FieldError error : failure.errors()) {
                json.writeStartObject();
                json.writeStringField("field", error.field());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The failure of a column that is null when there is none. */
    static Optional<ItemFailure> readColumn(String textOrNull) {
        return textOrNull == null ? Optional.empty() : Optional.of(read(textOrNull));
    }

    static ItemFailure read(String text) {
        return JsonText.read(text, WHAT, json -> {
            JsonText.expect(json, JsonToken.START_OBJECT, WHAT);
            String reason = null;
            String detail = null;
            Optional<Integer> status = Optional.empty();
            Optional<String> problemType = Optional.empty();
            List<FieldError> errors = new ArrayList<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "reason" -> reason = json.getText();
                    case "detail" -> detail = json.getText();
                    case "status" -> status = Optional.of(json.getIntValue());
                    case "problem_type" -> problemType = Optional.of(json.getText());
                    case "errors" -> {
                        JsonText.expect(json, JsonToken.START_ARRAY, WHAT);
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            String field = null;
                            String message = null;
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                String member = json.currentName();
                                json.nextToken();
                                if (member.equals("field")) {
                                    field = json.getText();
                                } else if (member.equals("message")) {
                                    message = json.getText();
                                } else {
                                    json.skipChildren();
                                }
                            }
                            if (field == null || message == null) {
                                throw JsonText.corrupted(WHAT, "a field error lacks its field or message");
                            }
                            errors.add(new FieldError(field, message));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (reason == null || detail == null) {
                throw JsonText.corrupted(WHAT, "no reason or detail");
            }
            return new ItemFailure(reason(reason), detail, status, problemType, errors);
        });
    }

    private static ItemFailure.Reason reason(String name) {
        try {
            return ItemFailure.Reason.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw JsonText.corrupted(WHAT, "unknown reason " + name);
        }
    }
}

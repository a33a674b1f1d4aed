package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.domain.FieldError;

/** Reads {@code {"results": [{"index", "status", "errors"?}]}}, the answer to a steps or sleep ingest. */
final class IngestReceiptReader {

    private IngestReceiptReader() {}

    static IngestReceipt read(JsonParser json) throws IOException {
        JsonReading.next(json, JsonToken.START_OBJECT, "an ingest answer object");
        List<IngestReceipt.ItemResult> results = new ArrayList<>();
        boolean sawResults = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("results") && value == JsonToken.START_ARRAY) {
                sawResults = true;
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    results.add(item(json));
                }
                if (json.currentToken() != JsonToken.END_ARRAY) {
                    throw new MalformedAnswerException("results as objects");
                }
            } else {
                json.skipChildren();
            }
        }
        JsonReading.end(json);
        if (!sawResults) {
            throw new MalformedAnswerException("an ingest answer with results");
        }
        return new IngestReceipt(results);
    }

    private static IngestReceipt.ItemResult item(JsonParser json) throws IOException {
        Optional<Long> index = Optional.empty();
        Optional<String> status = Optional.empty();
        List<FieldError> errors = List.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "index" -> index = JsonReading.integer(json);
                case "status" -> status = JsonReading.text(json);
                case "errors" -> errors = JsonReading.fieldErrors(json);
                default -> json.skipChildren();
            }
        }
        if (!index.isPresent() || !status.isPresent() || index.get() < 0 || index.get() > Integer.MAX_VALUE) {
            throw new MalformedAnswerException("an ingest result with index and status");
        }
        return new IngestReceipt.ItemResult(index.get().intValue(), status.get(), errors);
    }
}

package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.client.remote.Problem;
import org.fitsync.domain.FieldError;

/**
 * Reads an RFC 9457 problem document. An error answer whose body is not a problem, or not even JSON,
 * still yields a problem: titled by the status's reason phrase, so the app always has words to show.
 */
final class ProblemReader {

    /** A problem is a few hundred bytes; a proxy's error page need not be read to its end. */
    static final int MAX_BYTES = 64 * 1024;

    private ProblemReader() {}

    static Problem read(JsonFactory factory, Optional<String> contentType, byte[] body, int status) {
        boolean problemJson = contentType
                .map(type -> type.trim().toLowerCase(Locale.ROOT))
                .filter(type -> type.startsWith("application/problem+json"))
                .isPresent();
        if (!problemJson) {
            return Problem.untyped(ReasonPhrases.of(status));
        }
        try (JsonParser json = factory.createParser(body)) {
            return problem(json, status);
        } catch (IOException e) {
            return Problem.untyped(ReasonPhrases.of(status));
        }
    }

    private static Problem problem(JsonParser json, int status) throws IOException {
        JsonReading.next(json, JsonToken.START_OBJECT, "a problem object");
        String type = "about:blank";
        String title = ReasonPhrases.of(status);
        String detail = "";
        List<FieldError> errors = List.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "type" -> type = JsonReading.text(json).orElse(type);
                case "title" -> title = JsonReading.text(json).orElse(title);
                case "detail" -> detail = JsonReading.text(json).orElse(detail);
                case "errors" -> errors = JsonReading.fieldErrors(json);
                default -> json.skipChildren();
            }
        }
        return new Problem(type, title, detail, errors);
    }
}

package org.fitsync.client.jvm.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.domain.files.UploadTarget;

/**
 * Reads the file resource ({@code {"id", "state", "upload"?, "run_id"?, "reason"?, "error"?, ...}}), the
 * answer to declaring, completing and getting a file.
 */
final class RemoteFileReader {

    private RemoteFileReader() {}

    static RemoteFile read(JsonParser json) throws IOException {
        JsonReading.next(json, JsonToken.START_OBJECT, "a file object");
        Optional<String> id = Optional.empty();
        Optional<String> state = Optional.empty();
        Optional<UploadTarget> upload = Optional.empty();
        Optional<String> runId = Optional.empty();
        Optional<String> detail = Optional.empty();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "id" -> id = JsonReading.text(json);
                case "state" -> state = JsonReading.text(json);
                case "run_id" -> runId = JsonReading.text(json);
                case "reason" -> detail = JsonReading.text(json);
                case "upload" -> upload = value == JsonToken.START_OBJECT ? Optional.of(upload(json)) : skip(json);
                case "error" -> detail = value == JsonToken.START_OBJECT ? Optional.of(error(json)) : skip(json);
                default -> json.skipChildren();
            }
        }
        JsonReading.end(json);
        if (!id.isPresent() || !state.isPresent()) {
            throw new MalformedAnswerException("a file with id and state");
        }
        try {
            return new RemoteFile(UUID.fromString(id.get()), state.get(), upload, runId.map(UUID::fromString), detail);
        } catch (IllegalArgumentException e) {
            throw new MalformedAnswerException("UUIDs as a file's id and run_id");
        }
    }

    private static <T> Optional<T> skip(JsonParser json) throws IOException {
        json.skipChildren();
        return Optional.empty();
    }

    private static UploadTarget upload(JsonParser json) throws IOException {
        Optional<String> url = Optional.empty();
        String method = "PUT";
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> expiresAt = Optional.empty();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "url" -> url = JsonReading.text(json);
                case "method" -> method = JsonReading.text(json).orElse(method);
                case "expires_at" -> expiresAt = JsonReading.text(json);
                case "headers" -> {
                    if (value != JsonToken.START_OBJECT) {
                        json.skipChildren();
                        break;
                    }
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String header = json.currentName();
                        json.nextToken();
                        JsonReading.text(json).ifPresent(v -> headers.put(header, v));
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (!url.isPresent()) {
            throw new MalformedAnswerException("an upload with a url");
        }
        try {
            return new UploadTarget(
                    URI.create(url.get()),
                    method,
                    headers,
                    expiresAt.map(Instant::parse).orElse(Instant.MAX));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedAnswerException("an upload with a URI and an expiry time");
        }
    }

    /** {@code {"type", "detail"}} as {@code "type: detail"}. */
    private static String error(JsonParser json) throws IOException {
        String type = "";
        String detail = "";
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "type" -> type = JsonReading.text(json).orElse("");
                case "detail" -> detail = JsonReading.text(json).orElse("");
                default -> json.skipChildren();
            }
        }
        return detail.isEmpty() ? type : type + ": " + detail;
    }
}

package org.fitsync.adapter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.domain.FieldError;

/**
 * An RFC 9457 problem document. {@code extensions} carries extra members (for example
 * {@code import_id}); they are written beside the standard ones.
 */
public record Problem(
        String type, String title, int status, String detail, List<FieldError> errors, Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://fitsync.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of(), Map.of());
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(
                TYPE_BASE + "validation",
                "Invalid request",
                422,
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid",
                errors,
                Map.of());
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Problem conflict(String slug, String detail) {
        return of(409, slug, "Conflict", detail);
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, errors, more);
    }

    /** The JSON body: standard members first, then the extensions. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }
}

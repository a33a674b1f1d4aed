package org.fitsync.client.remote;

import java.util.List;
import java.util.Objects;
import org.fitsync.domain.FieldError;

/** An RFC 9457 problem the server answered with; {@code errors} are the field errors of a {@code 422}. */
public record Problem(String type, String title, String detail, List<FieldError> errors) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        errors = List.copyOf(errors);
    }

    /** For an error answer that was not problem+json (a proxy's page, say). */
    public static Problem untyped(String title) {
        return new Problem("about:blank", title, "", List.of());
    }
}

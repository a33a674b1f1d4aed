package org.fitsync.domain.daily;

import java.util.List;

/** One rule an input broke: the field (as the client named it) and what is wrong with it. */
public record Violation(String field, String message) {

    static void requireNone(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.get(0).field() + ": " + violations.get(0).message());
        }
    }
}

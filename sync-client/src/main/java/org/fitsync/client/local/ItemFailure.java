package org.fitsync.client.local;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.FieldError;

/**
 * Why the outbox stopped sending one item, kept for the app to show: the reason, the server's problem
 * details when it gave any, and the field errors of a {@code 422}. A failed item stays in the store and
 * is sent again only after {@code retryFailed()}.
 */
public record ItemFailure(
        Reason reason, String detail, Optional<Integer> status, Optional<String> problemType, List<FieldError> errors) {

    public enum Reason {
        /** The server refused the record in a push ({@code experimentalRejectedIds}). */
        REJECTED,
        /** {@code 422}: the item breaks the server's rules; {@link #errors()} says which. */
        INVALID,
        /** {@code 409}: the item clashes with what the server holds under its id. */
        CONFLICT,
        /** Another {@code 4xx} the item will get again however often it is sent. */
        REFUSED,
        /** The retry cap was reached on transient failures; {@link #detail()} holds the last one. */
        GAVE_UP,
        /** A queued file's local copy is gone (removed outside the client): there is nothing left to send. */
        MISSING
    }

    public ItemFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problemType, "problemType");
        errors = List.copyOf(errors);
    }

    public static ItemFailure of(Reason reason, String detail) {
        return new ItemFailure(reason, detail, Optional.empty(), Optional.empty(), List.of());
    }
}

package org.fitsync.client.engine;

import java.util.List;
import java.util.Optional;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.retry.RetryPolicy;

/** Turns a failed send into what the outbox records on each item it carried. */
final class ItemFailures {

    private ItemFailures() {}

    /** A permanent refusal ({@code 409}, {@code 422}, another {@code 4xx}) with the server's problem kept. */
    static ItemFailure refused(TransportFailure.HttpError error) {
        ItemFailure.Reason reason = switch (error.status()) {
            case 409 -> ItemFailure.Reason.CONFLICT;
            case 422 -> ItemFailure.Reason.INVALID;
            default -> ItemFailure.Reason.REFUSED;
        };
        String detail = error.problem().detail().isEmpty()
                ? error.problem().title()
                : error.problem().detail();
        return new ItemFailure(
                reason,
                detail,
                Optional.of(error.status()),
                Optional.of(error.problem().type()),
                error.problem().errors());
    }

    /** After a transient failure: the item's failure once it reached the cap, otherwise none yet. */
    static Optional<ItemFailure> afterAttempt(int attempts, RetryPolicy policy, TransportFailure failure) {
        if (attempts < policy.maxAttempts()) {
            return Optional.empty();
        }
        Optional<Integer> status =
                failure instanceof TransportFailure.HttpError e ? Optional.of(e.status()) : Optional.empty();
        return Optional.of(new ItemFailure(
                ItemFailure.Reason.GAVE_UP,
                "gave up after " + attempts + " attempts; last: " + failure.describe(),
                status,
                Optional.empty(),
                List.of()));
    }
}

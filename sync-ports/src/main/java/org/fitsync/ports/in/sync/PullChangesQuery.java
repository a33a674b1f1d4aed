package org.fitsync.ports.in.sync;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.fitsync.domain.UserId;

/**
 * A pull of {@code user}'s changes. Whether the cursor is one this server issued is the pull's
 * decision ({@link PullOutcome.Invalid}), not the command's.
 *
 * @param lastPulledAt empty (or 0) for a first sync
 * @param limit        records per page; without it the response holds everything
 */
public record PullChangesQuery(
        UserId user, Optional<Long> lastPulledAt, Optional<Migration> migration, OptionalInt limit) {

    public PullChangesQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(lastPulledAt, "lastPulledAt");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(limit, "limit");
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}

package org.fitsync.ports.in.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PageKey;

/**
 * One page of history: runs whose {@code started_at} is in {@code [from, to)}, after {@code after}
 * in (started_at desc, id desc) order, at most {@code limit}; overlapping runs only if asked for.
 */
public record ListRunsQuery(
        UserId user,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit,
        Optional<PageKey> after,
        boolean includeOverlapping) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public ListRunsQuery {
        Objects.requireNonNull(user, "user");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }
}

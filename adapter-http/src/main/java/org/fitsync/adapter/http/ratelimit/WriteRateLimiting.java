package org.fitsync.adapter.http.ratelimit;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.auth.Caller;

/**
 * Limits writes ({@code POST/PUT/PATCH/DELETE} under {@code /api/}) per authenticated user with
 * {@code 429} and {@code Retry-After}. Runs after authentication; unauthenticated public paths
 * (webhooks) are not keyed by a user and are not limited here.
 */
public final class WriteRateLimiting {

    private static final Set<HandlerType> WRITES =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final TokenBucketLimiter limiter;

    public WriteRateLimiting(TokenBucketLimiter limiter) {
        this.limiter = limiter;
    }

    public void check(Context ctx, Optional<Caller> caller) {
        if (caller.isEmpty() || !WRITES.contains(ctx.method()) || !ctx.path().startsWith("/api/")) {
            return;
        }
        if (limiter.tryAcquire(caller.get().user().value()) instanceof RateDecision.Limited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            throw new ProblemException(Problem.of(
                    429,
                    "rate-limited",
                    "Too many requests",
                    "Too many writes; retry after " + limited.retryAfterSeconds() + " s"));
        }
    }
}

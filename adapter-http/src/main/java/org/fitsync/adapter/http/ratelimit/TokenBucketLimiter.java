package org.fitsync.adapter.http.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An in-process token bucket per key (the user id). Each node limits on its own: with N nodes behind
 * a balancer a user may write up to N times the limit.
 *
 * <p>Memory stays bounded: a bucket that has been idle long enough to refill completely is
 * indistinguishable from a new one, so a periodic sweep drops it without changing any decision.
 */
public final class TokenBucketLimiter {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final int SWEEP_EVERY = 1024;

    private final WriteRateLimit limit;
    private final LongSupplier nanoClock;
    private final double nanosPerToken;
    private final long nanosToFull;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public TokenBucketLimiter(WriteRateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.nanosPerToken = limit.enabled() ? (double) NANOS_PER_MINUTE / limit.perMinute() : 0;
        this.nanosToFull = (long) Math.ceil(nanosPerToken * Math.max(limit.burst(), 1));
    }

    public static TokenBucketLimiter systemClock(WriteRateLimit limit) {
        return new TokenBucketLimiter(limit, System::nanoTime);
    }

    public RateDecision tryAcquire(String key) {
        if (!limit.enabled()) {
            return new RateDecision.Allowed();
        }
        long now = nanoClock.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            evictIdle(now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now)).take(now);
    }

    /** Buckets held now (for tests of the eviction). */
    int size() {
        return buckets.size();
    }

    void evictIdle(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().idleSince(now) >= nanosToFull);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized RateDecision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new RateDecision.Allowed();
            }
            double missingNanos = (1 - tokens) * nanosPerToken;
            long seconds = (long) Math.ceil(missingNanos / 1_000_000_000d);
            return new RateDecision.Limited(Math.max(1, seconds));
        }

        synchronized long idleSince(long now) {
            return now - refilledAt;
        }

        private void refill(long now) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + elapsed / nanosPerToken);
                refilledAt = now;
            }
        }
    }
}

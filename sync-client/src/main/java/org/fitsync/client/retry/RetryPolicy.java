package org.fitsync.client.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed sync is tried again: after {@code initialDelay · 2^(n-1)} for the n-th failure in a row,
 * capped at {@code maxDelay}, minus a random part of up to {@code jitter} of it (so a fleet of phones
 * that lost the server together does not come back together), and never before the server's
 * {@code Retry-After}. An item whose sends failed transiently {@code maxAttempts} times is marked failed.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, double jitter, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.5, 5);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("0 < initialDelay <= maxDelay");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** The delay before the next try after {@code failuresInARow} (≥ 1) failures; {@code random} in [0, 1). */
    public Duration delayAfter(int failuresInARow, double random) {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException("failuresInARow must be >= 1");
        }
        long cap = maxDelay.toMillis();
        long exponential = initialDelay.toMillis();
        for (int i = 1; i < failuresInARow && exponential < cap; i++) {
            exponential *= 2;
        }
        long ceiling = Math.min(exponential, cap);
        long jittered = Math.round(ceiling * (1 - jitter * random));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}

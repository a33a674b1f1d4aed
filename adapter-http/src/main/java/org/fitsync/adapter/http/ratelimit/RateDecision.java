package org.fitsync.adapter.http.ratelimit;

/** Whether a write may proceed now. */
public sealed interface RateDecision {

    record Allowed() implements RateDecision {}

    /** Refused; a token will be available again after {@code retryAfterSeconds} (at least 1). */
    record Limited(long retryAfterSeconds) implements RateDecision {}
}

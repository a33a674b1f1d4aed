package org.fitsync.adapter.strava;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling a provider that keeps failing: after {@code threshold} failed calls in a row it
 * opens for {@code cooldown}; then one trial call may pass, and its outcome closes or reopens it.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration cooldown;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration cooldown) {
        this.threshold = threshold;
        this.cooldown = cooldown;
    }

    /** Empty if a call may go ahead; otherwise when to try again. */
    synchronized Optional<Instant> admit(Instant now) {
        if (consecutiveFailures < threshold) {
            return Optional.empty();
        }
        if (now.isBefore(openUntil) || trialInFlight) {
            return Optional.of(openUntil.isAfter(now) ? openUntil : now.plus(cooldown));
        }
        trialInFlight = true;
        return Optional.empty();
    }

    synchronized void succeeded() {
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void failed(Instant now) {
        consecutiveFailures++;
        trialInFlight = false;
        if (consecutiveFailures >= threshold) {
            openUntil = now.plus(cooldown);
        }
    }

    synchronized boolean isOpen(Instant now) {
        return consecutiveFailures >= threshold && now.isBefore(openUntil);
    }
}

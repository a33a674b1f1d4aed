package org.fitsync.domain.sync;

/**
 * Bounds the client clocks that order last-write-wins registers (ARCHITECTURE.md decision 2): an
 * {@code updated_at} more than {@code maxSkewMs} ahead of server time is clamped to server time, so
 * a client whose clock runs ahead cannot win forever.
 */
public record ClockPolicy(long nowMs, long maxSkewMs) {

    public ClockPolicy {
        if (maxSkewMs < 0) {
            throw new IllegalArgumentException("maxSkewMs must not be negative");
        }
    }

    public boolean needsClamp(long updatedAt) {
        return updatedAt > nowMs + maxSkewMs;
    }
}

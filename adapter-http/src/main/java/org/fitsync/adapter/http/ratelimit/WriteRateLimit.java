package org.fitsync.adapter.http.ratelimit;

/**
 * How many writes a user may make: {@code perMinute} sustained, up to {@code burst} at once.
 * {@code perMinute == 0} turns the limit off.
 */
public record WriteRateLimit(int perMinute, int burst) {

    public WriteRateLimit {
        if (perMinute < 0) {
            throw new IllegalArgumentException("perMinute must be >= 0");
        }
        if (perMinute > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 when the limit is on");
        }
    }

    public static WriteRateLimit off() {
        return new WriteRateLimit(0, 0);
    }

    public boolean enabled() {
        return perMinute > 0;
    }
}

package org.fitsync.app;

import org.fitsync.adapter.http.ratelimit.WriteRateLimit;

/** Per-user write rate limit from the environment; {@code 0} writes per minute turns it off. */
final class RateLimitSettings {

    static final int DEFAULT_WRITES_PER_MINUTE = 600;

    private RateLimitSettings() {}

    static WriteRateLimit from(Environment env) {
        int perMinute = env.integer("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", DEFAULT_WRITES_PER_MINUTE, 0, 1_000_000);
        // By default a client may spend a whole minute's allowance at once (a sync after a day offline).
        int burst = env.integer("FITSYNC_RATE_LIMIT_WRITES_BURST", Math.max(perMinute, 1), 1, 1_000_000);
        return perMinute == 0 ? WriteRateLimit.off() : new WriteRateLimit(perMinute, burst);
    }
}

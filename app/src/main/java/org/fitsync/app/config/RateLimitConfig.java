package org.fitsync.app.config;

import org.fitsync.adapter.http.ratelimit.WriteRateLimit;

/**
 * The per-user write rate limit: {@code FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE} ({@code 0} turns it off)
 * and {@code FITSYNC_RATE_LIMIT_WRITES_BURST}.
 */
public record RateLimitConfig(int writesPerMinute, int burst) {

    static final int DEFAULT_WRITES_PER_MINUTE = 600;

    static RateLimitConfig from(Environment env) {
        int perMinute = env.integer("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", DEFAULT_WRITES_PER_MINUTE, 0, 1_000_000);
        // By default a client may spend a whole minute's allowance at once (a sync after a day offline).
        int burst = env.integer("FITSYNC_RATE_LIMIT_WRITES_BURST", Math.max(perMinute, 1), 1, 1_000_000);
        return new RateLimitConfig(perMinute, burst);
    }

    public WriteRateLimit writeRateLimit() {
        return writesPerMinute == 0 ? WriteRateLimit.off() : new WriteRateLimit(writesPerMinute, burst);
    }
}

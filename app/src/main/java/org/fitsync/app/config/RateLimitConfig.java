package org.fitsync.app.config;

import org.fitsync.adapter.http.ratelimit.WriteRateLimit;

/**
 * The per-user write rate limit: {@code FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE} ({@code 0} turns it off)
 * and {@code FITSYNC_RATE_LIMIT_WRITES_BURST}; and the per-address limit on opening public share links,
 * {@code FITSYNC_RATE_LIMIT_SHARED_LINKS_PER_MINUTE} (as many at once; {@code 0} turns it off); and the
 * per-address limit on the web app's sign-in link exchange, {@code FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE}
 * (likewise).
 */
public record RateLimitConfig(int writesPerMinute, int burst, int sharedLinksPerMinute, int signInLinksPerMinute) {

    static final int DEFAULT_WRITES_PER_MINUTE = 600;
    static final int DEFAULT_SHARED_LINKS_PER_MINUTE = 60;
    // A person signs in a few times a day; a guesser gets ten tries a minute per address.
    static final int DEFAULT_SIGN_IN_LINKS_PER_MINUTE = 10;

    static RateLimitConfig from(Environment env) {
        int perMinute = env.integer("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", DEFAULT_WRITES_PER_MINUTE, 0, 1_000_000);
        // By default a client may spend a whole minute's allowance at once (a sync after a day offline).
        int burst = env.integer("FITSYNC_RATE_LIMIT_WRITES_BURST", Math.max(perMinute, 1), 1, 1_000_000);
        int sharedLinks = env.integer(
                "FITSYNC_RATE_LIMIT_SHARED_LINKS_PER_MINUTE", DEFAULT_SHARED_LINKS_PER_MINUTE, 0, 1_000_000);
        int signInLinks = env.integer(
                "FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE", DEFAULT_SIGN_IN_LINKS_PER_MINUTE, 0, 1_000_000);
        return new RateLimitConfig(perMinute, burst, sharedLinks, signInLinks);
    }

    /** Public share links opened per client address and minute on one node. */
    public WriteRateLimit sharedLinkRateLimit() {
        return sharedLinksPerMinute == 0
                ? WriteRateLimit.off()
                : new WriteRateLimit(sharedLinksPerMinute, sharedLinksPerMinute);
    }

    /** Sign-in links presented per client address and minute on one node. */
    public WriteRateLimit signInLinkRateLimit() {
        return signInLinksPerMinute == 0
                ? WriteRateLimit.off()
                : new WriteRateLimit(signInLinksPerMinute, signInLinksPerMinute);
    }

    public WriteRateLimit writeRateLimit() {
        return writesPerMinute == 0 ? WriteRateLimit.off() : new WriteRateLimit(writesPerMinute, burst);
    }
}

package org.fitsync.adapter.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void burstIsAllowedThenRefusedWithTheWaitForOneToken() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(new WriteRateLimit(6, 3), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        }
        // 6 per minute: one token every 10 s.
        assertThat(limiter.tryAcquire("alice")).isEqualTo(new RateDecision.Limited(10));
        now.addAndGet(4 * SECOND);
        assertThat(limiter.tryAcquire("alice")).isEqualTo(new RateDecision.Limited(6));
        now.addAndGet(6 * SECOND);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Limited.class);
    }

    @Test
    void usersHaveSeparateBuckets() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(new WriteRateLimit(60, 1), now::get);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Limited.class);
        assertThat(limiter.tryAcquire("bob")).isInstanceOf(RateDecision.Allowed.class);
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(new WriteRateLimit(60, 2), now::get);
        limiter.tryAcquire("alice");
        now.addAndGet(3_600 * SECOND);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Limited.class);
    }

    @Test
    void idleBucketsAreEvictedOnlyOnceFull() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(new WriteRateLimit(60, 5), now::get);
        limiter.tryAcquire("alice");
        limiter.tryAcquire("bob");
        now.addAndGet(2 * SECOND);
        limiter.tryAcquire("bob");
        now.addAndGet(3 * SECOND);
        limiter.evictIdle(now.get());
        // alice idled 5 s (full again at 60/min, burst 5); bob only 3 s.
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedUnderManyOneOffUsers() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(new WriteRateLimit(600, 10), now::get);
        for (int i = 0; i < 100_000; i++) {
            now.addAndGet(SECOND / 10);
            limiter.tryAcquire("user-" + i);
        }
        // A bucket is full again after 1 s (10 tokens at 10/s): only the latest ~1,000+ can remain.
        assertThat(limiter.size()).isLessThan(2_100);
    }

    @Test
    void offAllowsEverything() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(WriteRateLimit.off(), now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateDecision.Allowed.class);
        }
        assertThat(limiter.size()).isZero();
    }
}

package org.fitsync.adapter.strava;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget Strava's rate-limit headers describe: 15-minute windows aligned to the epoch, and days. */
class RateLimitBudgetTest {

    private static final Instant T = Instant.parse("2026-11-20T10:07:00Z");

    private static HttpHeaders headers(String limit, String usage, String readLimit, String readUsage) {
        return HttpHeaders.of(
                Map.of(
                        "X-RateLimit-Limit",
                        List.of(limit),
                        "X-RateLimit-Usage",
                        List.of(usage),
                        "X-ReadRateLimit-Limit",
                        List.of(readLimit),
                        "X-ReadRateLimit-Usage",
                        List.of(readUsage)),
                (a, b) -> true);
    }

    @Test
    void unknownLimitsLetRequestsThrough() {
        RateLimitBudget budget = new RateLimitBudget(Duration.ofMinutes(15));
        for (int i = 0; i < 1000; i++) {
            assertThat(budget.reserve(true, T)).isEmpty();
        }
    }

    @Test
    void aSpentReadLimitWaitsForTheNextAlignedWindowButWritesMayGoOn() {
        RateLimitBudget budget = new RateLimitBudget(Duration.ofMinutes(15));
        budget.observe(headers("200,2000", "150,400", "100,1000", "99,300"), T);
        assertThat(budget.reserve(true, T)).isEmpty();
        // 10:07 is in the 10:00 window; the next opens at 10:15 (plus a clock margin of 2 s).
        assertThat(budget.reserve(true, T)).contains(Instant.parse("2026-11-20T10:15:02Z"));
        assertThat(budget.reserve(false, T)).as("not a read").isEmpty();
        assertThat(budget.reserve(true, Instant.parse("2026-11-20T10:15:03Z")))
                .as("a new window")
                .isEmpty();
    }

    @Test
    void aSpentDailyLimitWaitsForTheNextUtcDay() {
        RateLimitBudget budget = new RateLimitBudget(Duration.ofMinutes(15));
        budget.observe(headers("200,2000", "10,2000", "100,1000", "5,900"), T);
        assertThat(budget.reserve(false, T)).contains(Instant.parse("2026-11-21T00:00:02Z"));
        assertThat(budget.spent(T)).isTrue();
        assertThat(budget.nextOpening(T)).isEqualTo(Instant.parse("2026-11-21T00:00:02Z"));
    }

    @Test
    void reservationsCountUntilTheHeadersCorrectThemAndNeverLowerTheCount() {
        RateLimitBudget budget = new RateLimitBudget(Duration.ofSeconds(60));
        budget.observe(headers("10,1000", "5,5", "10,1000", "5,5"), T);
        for (int i = 0; i < 5; i++) {
            assertThat(budget.reserve(true, T)).isEmpty();
        }
        assertThat(budget.reserve(true, T)).isPresent();
        // A stale answer reporting less usage does not reopen the window.
        budget.observe(headers("10,1000", "6,6", "10,1000", "6,6"), T);
        assertThat(budget.reserve(true, T)).isPresent();
        assertThat(budget.reserve(true, T.plusSeconds(60))).isEmpty();
    }

    @Test
    void malformedHeadersAreIgnored() {
        RateLimitBudget budget = new RateLimitBudget(Duration.ofMinutes(15));
        budget.observe(headers("lots", "1,2,3", "x,y", ""), T);
        assertThat(budget.reserve(true, T)).isEmpty();
        assertThat(budget.spent(T)).isFalse();
    }
}

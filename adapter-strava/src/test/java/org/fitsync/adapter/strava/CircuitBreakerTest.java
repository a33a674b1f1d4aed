package org.fitsync.adapter.strava;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void opensAfterTheThresholdLetsOneTrialThroughAfterTheCooldownAndClosesOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30));
        breaker.failed(T);
        breaker.failed(T);
        assertThat(breaker.admit(T)).isEmpty();
        breaker.failed(T);
        assertThat(breaker.isOpen(T)).isTrue();
        assertThat(breaker.admit(T.plusSeconds(10))).contains(T.plusSeconds(30));
        assertThat(breaker.admit(T.plusSeconds(31))).as("the trial").isEmpty();
        assertThat(breaker.admit(T.plusSeconds(31)))
                .as("only one trial at a time")
                .isPresent();
        breaker.succeeded();
        assertThat(breaker.admit(T.plusSeconds(32))).isEmpty();
        assertThat(breaker.isOpen(T.plusSeconds(32))).isFalse();
    }

    @Test
    void aFailedTrialReopensIt() {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(30));
        breaker.failed(T);
        assertThat(breaker.admit(T.plusSeconds(31))).isEmpty();
        breaker.failed(T.plusSeconds(32));
        assertThat(breaker.admit(T.plusSeconds(40))).contains(T.plusSeconds(62));
    }
}

package org.fitsync.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;

/** The verifier remembers tokens it has checked; that must never make a token last longer. */
class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpires() throws Exception {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ZERO);
        // exp has whole seconds: issued at the start of a second, the token expires one to two seconds on.
        Thread.sleep(1000 - System.currentTimeMillis() % 1000);
        String token = new TokenIssuer(SECRET, Clock.systemUTC()).issue("alice", List.of("coach"), Duration.ofSeconds(1));
        Instant expires = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 1);

        Caller caller = verifier.verify(token);
        assertThat(caller).isEqualTo(new Caller(new UserId("alice"), Set.of("coach")));
        assertThat(verifier.verify(token)).isEqualTo(caller);

        Thread.sleep(Math.max(0, expires.toEpochMilli() - System.currentTimeMillis()) + 50);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ZERO);
        String forged = new TokenIssuer("another-secret-of-at-least-32-bytes!!", Clock.systemUTC())
                .issue("alice", List.of(), Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(AuthenticationException.class);
        }
    }
}

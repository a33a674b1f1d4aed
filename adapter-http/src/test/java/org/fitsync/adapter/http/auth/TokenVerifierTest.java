package org.fitsync.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;

/** The verifier remembers tokens it has checked; that must never make a token last longer. */
class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private final MovableClock clock = new MovableClock(START);

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpires() throws Exception {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ZERO, clock);
        String token = new TokenIssuer(SECRET, clock).issue("alice", List.of("coach"), Duration.ofSeconds(1));

        Caller caller = verifier.verify(token);
        assertThat(caller).isEqualTo(new Caller(new UserId("alice"), Set.of("coach")));
        clock.advance(Duration.ofMillis(999));
        assertThat(verifier.verify(token)).isEqualTo(caller);

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theRememberedTokenLastsUntilExpiryPlusSkewAndNoLonger() throws Exception {
        Duration skew = Duration.ofSeconds(30);
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, skew, clock);
        String token = new TokenIssuer(SECRET, clock).issue("alice", List.of(), Duration.ofSeconds(40));
        Caller caller = verifier.verify(token);

        // Within the first minute the remembered verdict answers; past exp it is only the skew that keeps it.
        clock.advance(Duration.ofSeconds(40).plus(skew).minusMillis(1));
        assertThat(verifier.verify(token)).isEqualTo(caller);

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aTokenRecheckedAfterAMinuteIsStillHonouredWhileValid() throws Exception {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ZERO, clock);
        String token = new TokenIssuer(SECRET, clock).issue("alice", List.of(), Duration.ofMinutes(5));
        Caller caller = verifier.verify(token);

        clock.advance(Duration.ofMillis(TokenVerifier.RECHECK_AFTER_MILLIS).plusSeconds(1));
        assertThat(verifier.verify(token)).isEqualTo(caller);
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aTokenIsRefusedBeforeItsNotBeforeTime() throws Exception {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ofSeconds(5), clock);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .notBeforeTime(Date.from(START.plusSeconds(60)))
                .expirationTime(Date.from(START.plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        String token = jwt.serialize();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
        clock.advance(Duration.ofSeconds(55).plusMillis(1));
        assertThat(verifier.verify(token)).isEqualTo(new Caller(new UserId("alice"), Set.of()));
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        TokenVerifier verifier = TokenVerifier.hmac(SECRET, Duration.ZERO, clock);
        String forged = new TokenIssuer("another-secret-of-at-least-32-bytes!!", clock)
                .issue("alice", List.of(), Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(AuthenticationException.class);
        }
    }
}

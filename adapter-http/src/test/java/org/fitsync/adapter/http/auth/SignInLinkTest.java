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
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fitsync.adapter.http.auth.SignInLinkVerifier.Check;
import org.fitsync.adapter.http.auth.SignInLinkVerifier.Reason;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;

/**
 * Sign-in links and access tokens never stand in for each other: a link's key is derived from the node's
 * secret, so neither signature verifies as the other's, and a link expires by the verifier's clock.
 */
class SignInLinkTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    private static final String OTHER_SECRET = "another-secret-of-at-least-32-bytes!";
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock(START);
    private final SignInLinkIssuer issuer = new SignInLinkIssuer(SECRET, clock);
    private final SignInLinkVerifier verifier = new SignInLinkVerifier(SECRET, SKEW, clock);

    @Test
    void aLinkNamesItsUserRolesAndARandomIdAndIsAdmittedUntilItsExpiryPlusTheSkew() {
        String link = issuer.issue("alice", List.of("coach"), Duration.ofMinutes(15));

        SignInLink valid = valid(verifier.check(link));
        assertThat(valid.user()).isEqualTo(new UserId("alice"));
        assertThat(valid.roles()).containsExactly("coach");
        assertThat(Base64.getUrlDecoder().decode(valid.linkId())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(valid.admittedUntil())
                .isEqualTo(START.plus(Duration.ofMinutes(15)).plus(SKEW));

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(valid(verifier.check(issuer.issue("alice", List.of(), Duration.ofMinutes(15))))
                    .linkId());
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void aLinkExpiresByTheVerifiersClock() {
        String link = issuer.issue("alice", List.of(), Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15).plus(SKEW).minusMillis(1));
        assertThat(verifier.check(link)).isInstanceOf(Check.Valid.class);

        clock.advance(Duration.ofMillis(1));
        assertThat(verifier.check(link)).isEqualTo(new Check.Refused(Reason.EXPIRED));
    }

    @Test
    void aLinkSignedWithAnotherSecretIsRefused() {
        String link = new SignInLinkIssuer(OTHER_SECRET, clock).issue("alice", List.of(), Duration.ofMinutes(15));

        assertThat(verifier.check(link)).isEqualTo(new Check.Refused(Reason.BAD_SIGNATURE));
    }

    @Test
    void aTamperedLinkIsRefused() {
        String link = issuer.issue("alice", List.of(), Duration.ofMinutes(15));
        String[] parts = link.split("\\.", -1);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.replace("alice", "mallory").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(verifier.check(forged)).isEqualTo(new Check.Refused(Reason.BAD_SIGNATURE));
    }

    @Test
    void anAccessTokenIsNotALink() throws Exception {
        String token = new TokenIssuer(SECRET, clock).issue("alice", List.of(), Duration.ofHours(1));
        assertThat(verifier.check(token)).isEqualTo(new Check.Refused(Reason.NOT_A_LINK));

        // Even with the link's typ header, the node's own key does not sign a link.
        SignedJWT disguised = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(SignInLinkFormat.TYPE)
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .jwtID("AAAAAAAAAAAAAAAAAAAAAA")
                        .issueTime(Date.from(START))
                        .expirationTime(Date.from(START.plusSeconds(900)))
                        .build());
        disguised.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(verifier.check(disguised.serialize())).isEqualTo(new Check.Refused(Reason.BAD_SIGNATURE));
    }

    @Test
    void aLinkIsNotABearerToken() {
        String link = issuer.issue("alice", List.of(), Duration.ofMinutes(15));
        TokenVerifier tokens = TokenVerifier.hmac(SECRET, SKEW, clock);

        assertThatThrownBy(() -> tokens.verify(link)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void malformedLinksAreRefusedAsSuch() {
        for (String text : List.of("", "not-a-link", "a.b.c", "x".repeat(5000))) {
            assertThat(verifier.check(text)).as(text).isEqualTo(new Check.Refused(Reason.MALFORMED));
        }
    }

    private static SignInLink valid(Check check) {
        assertThat(check).isInstanceOf(Check.Valid.class);
        return ((Check.Valid) check).link();
    }
}

package org.fitsync.adapter.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Mints the web app's one-time sign-in links (the {@code token --link} command): a compact JWS, HS256
 * with a key derived from the node's secret, carrying {@code sub}, {@code roles}, a random {@code jti},
 * {@code iat} and {@code exp}.
 */
public final class SignInLinkIssuer {

    private static final int LINK_ID_BYTES = 16;

    private final MACSigner signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SignInLinkIssuer(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(SignInLinkFormat.key(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("a derived key has 256 bits", e);
        }
        this.clock = clock;
    }

    public String issue(String subject, Collection<String> roles, Duration ttl) {
        Instant now = clock.instant();
        byte[] id = new byte[LINK_ID_BYTES];
        random.nextBytes(id);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(SignInLinkFormat.TYPE)
                        .build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}

package org.fitsync.adapter.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fitsync.domain.UserId;

/**
 * Verifies bearer JWTs: HS256 with a shared secret, or RS256/ES256 with keys from a JWKS URL.
 * {@code exp} and {@code sub} are required; {@code alg: none} and any algorithm other than the
 * configured ones are refused by the key selector.
 */
public final class TokenVerifier {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Tokens verified lately, by their exact text: a client sends the same token with every request,
     * and parsing it and checking its signature each time was a few percent of the server's CPU on
     * run uploads. An entry answers for at most {@link #RECHECK_AFTER_MILLIS} (so a key withdrawn from
     * a JWKS stops being honoured within that) and never past the token's {@code exp}.
     */
    static final long RECHECK_AFTER_MILLIS = 60_000;

    private static final int MAX_RECENT = 10_000;

    private record Verified(Caller caller, long validUntilMillis) {}

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final long clockSkewMillis;
    private final Clock clock;
    private final Map<String, Verified> recent = new ConcurrentHashMap<>();

    private TokenVerifier(
            JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, Duration clockSkew, Clock clock) {
        clockSkewMillis = clockSkew.toMillis();
        this.clock = clock;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // exp and nbf are judged by the same clock as the cache of verified tokens.
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().build(), Set.of("sub", "exp")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public static TokenVerifier hmac(String secret, Duration clockSkew) {
        return hmac(secret, clockSkew, Clock.systemUTC());
    }

    public static TokenVerifier hmac(String secret, Duration clockSkew, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new TokenVerifier(new ImmutableSecret<>(key), Set.of(JWSAlgorithm.HS256), clockSkew, clock);
    }

    public static TokenVerifier jwks(URI jwksUrl, Duration clockSkew) {
        return jwks(jwksUrl, clockSkew, Clock.systemUTC());
    }

    public static TokenVerifier jwks(URI jwksUrl, Duration clockSkew, Clock clock) {
        try {
            JWKSource<SecurityContext> keys =
                    JWKSourceBuilder.create(jwksUrl.toURL()).retrying(true).build();
            return new TokenVerifier(keys, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), clockSkew, clock);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable JWKS URL: " + jwksUrl, e);
        }
    }

    public Caller verify(String token) throws AuthenticationException {
        long now = clock.millis();
        Verified seen = recent.get(token);
        if (seen != null && now < seen.validUntilMillis()) {
            return seen.caller();
        }
        JWTClaimsSet claims = claims(token);
        String subject = claims.getSubject();
        if (subject == null || !UserId.isValid(subject)) {
            throw new AuthenticationException("The token's sub must be 1.." + UserId.MAX_LENGTH + " characters");
        }
        Caller caller = new Caller(new UserId(subject), roles(claims));
        // exp is required, so the processor has checked it is there; the skew is what it allowed past it.
        long expires = claims.getExpirationTime().toInstant().toEpochMilli() + clockSkewMillis;
        if (recent.size() >= MAX_RECENT) {
            recent.clear(); // crude, but bounded: the busy tokens come straight back
        }
        recent.put(token, new Verified(caller, Math.min(expires, now + RECHECK_AFTER_MILLIS)));
        return caller;
    }

    private JWTClaimsSet claims(String token) throws AuthenticationException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new AuthenticationException("The bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw new AuthenticationException("The bearer token was rejected: " + e.getMessage());
        } catch (JOSEException e) {
            throw new AuthenticationException("The bearer token could not be verified");
        } catch (RuntimeException e) {
            // Malformed headers or claim types surface as runtime exceptions in some parsers.
            throw new AuthenticationException("The bearer token is malformed");
        }
        return claims;
    }

    /** The optional {@code roles} claim: an array of strings. */
    static Set<String> roles(JWTClaimsSet claims) throws AuthenticationException {
        Object raw = claims.getClaim("roles");
        if (raw == null) {
            return Set.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new AuthenticationException("The token's roles claim must be an array of strings");
        }
        Set<String> roles = new HashSet<>();
        for (Object role : list) {
            if (!(role instanceof String name)) {
                throw new AuthenticationException("The token's roles claim must be an array of strings");
            }
            roles.add(name);
        }
        return roles;
    }
}

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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fitsync.domain.UserId;

/**
 * Verifies bearer JWTs: HS256 with a shared secret, or RS256/ES256 with keys from a JWKS URL.
 * {@code exp} and {@code sub} are required; {@code alg: none} and any algorithm other than the
 * configured ones are refused by the key selector.
 */
public final class TokenVerifier {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private final DefaultJWTProcessor<SecurityContext> processor;

    private TokenVerifier(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, Duration clockSkew) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public static TokenVerifier hmac(String secret, Duration clockSkew) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new TokenVerifier(new ImmutableSecret<>(key), Set.of(JWSAlgorithm.HS256), clockSkew);
    }

    public static TokenVerifier jwks(URI jwksUrl, Duration clockSkew) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl.toURL()).retrying(true).build();
            return new TokenVerifier(keys, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), clockSkew);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable JWKS URL: " + jwksUrl, e);
        }
    }

    public Caller verify(String token) throws AuthenticationException {
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
        String subject = claims.getSubject();
        if (subject == null || !UserId.isValid(subject)) {
            throw new AuthenticationException("The token's sub must be 1.." + UserId.MAX_LENGTH + " characters");
        }
        return new Caller(new UserId(subject), roles(claims));
    }

    private static Set<String> roles(JWTClaimsSet claims) throws AuthenticationException {
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

package org.fitsync.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How callers' tokens are verified: an HS256 secret ({@code FITSYNC_JWT_SECRET}, or in embedded mode
 * one generated into the data directory) or a JWKS endpoint ({@code FITSYNC_JWKS_URL}); and
 * {@code FITSYNC_MAX_CLOCK_SKEW}, the leeway for token times and for clients' {@code updated_at}.
 */
public record AuthConfig(Optional<String> jwtSecret, Optional<URI> jwksUrl, Duration maxClockSkew) {

    static AuthConfig from(Environment env, DatabaseConfig database) {
        Optional<String> secret = env.hmacKey("FITSYNC_JWT_SECRET");
        Optional<URI> jwks = env.uri("FITSYNC_JWKS_URL");
        if (!database.embedded() && secret.isEmpty() && jwks.isEmpty()) {
            throw new ConfigException(
                    "FITSYNC_JWT_SECRET",
                    "is required with FITSYNC_DATABASE_URL (or set FITSYNC_JWKS_URL); only embedded mode generates one");
        }
        Duration skew = env.duration("FITSYNC_MAX_CLOCK_SKEW", Duration.ofSeconds(60));
        return new AuthConfig(secret, jwks, skew);
    }
}

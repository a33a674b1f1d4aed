package org.fitsync.domain.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user's link to their provider account: the athlete, the granted scopes and the current token
 * pair. The provider rotates refresh tokens, so a pair is replaced as a whole, never piecemeal.
 */
public record ProviderConnection(
        long athleteId, Set<String> scopes, String accessToken, String refreshToken, Instant expiresAt) {

    public ProviderConnection {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }

    /** Refresh a little before expiry so a request never travels with a token that dies on the way. */
    public boolean needsRefresh(Instant now, Duration margin) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    public boolean canReadActivities() {
        return scopes.contains("activity:read") || scopes.contains("activity:read_all");
    }

    public ProviderConnection withTokens(String access, String refresh, Instant expires) {
        return new ProviderConnection(athleteId, scopes, access, refresh, expires);
    }

    @Override
    public String toString() {
        // Tokens are secrets: never in logs.
        return "ProviderConnection[athleteId=" + athleteId + ", scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
    }
}

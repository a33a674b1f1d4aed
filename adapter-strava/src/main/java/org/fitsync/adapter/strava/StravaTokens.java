package org.fitsync.adapter.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.out.imports.ProviderCredentials;
import org.fitsync.ports.out.imports.ProviderResult;

/**
 * Access tokens, refreshed shortly before they expire. Strava rotates refresh tokens: the old one
 * dies the moment a new one is issued, so refreshes for one user are serialised on this node (a
 * lock stripe per user) and the new pair is persisted at once with a compare-and-set on the old
 * refresh token; a node that loses that race to another node adopts the winner's pair.
 */
final class StravaTokens {

    private static final int STRIPES = 256;

    private final StravaHttp http;
    private final StravaClientSettings settings;
    private final ProviderCredentials credentials;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    StravaTokens(
            StravaHttp http,
            StravaClientSettings settings,
            ProviderCredentials credentials,
            ObjectMapper json,
            Clock clock) {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
        this.json = json;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * A usable access token. {@code rejected} is a token Strava just refused: it is refreshed unless
     * another caller has replaced it meanwhile, so a burst of refusals costs one refresh.
     */
    ProviderResult<String> accessToken(UserId user, Optional<String> rejected) {
        ReentrantLock lock = locks[Math.floorMod(user.hashCode(), STRIPES)];
        lock.lock();
        try {
            Optional<ProviderConnection> stored = credentials.current(user);
            if (stored.isEmpty()) {
                return new ProviderResult.Unauthorized<>("Strava is not connected");
            }
            ProviderConnection connection = stored.get();
            boolean refused = rejected.isPresent() && rejected.get().equals(connection.accessToken());
            if (!refused && !connection.needsRefresh(clock.instant(), settings.refreshMargin())) {
                return new ProviderResult.Ok<>(connection.accessToken());
            }
            return refresh(user, connection);
        } finally {
            lock.unlock();
        }
    }

    private ProviderResult<String> refresh(UserId user, ProviderConnection connection) {
        HttpRequest request = form(
                settings.oauth("/token"),
                Map.of(
                        "client_id", settings.clientId(),
                        "client_secret", settings.clientSecret(),
                        "grant_type", "refresh_token",
                        "refresh_token", connection.refreshToken()));
        StravaHttp.Reply reply = http.oauth(request);
        if (reply instanceof StravaHttp.Reply.Unavailable unavailable) {
            return new ProviderResult.Unavailable<>(unavailable.detail(), unavailable.retryAt());
        }
        if (!(reply instanceof StravaHttp.Reply.Success success)) {
            // Another node may have rotated the pair a moment ago: its pair is then the one to use.
            Optional<ProviderConnection> now = credentials.current(user);
            if (now.isPresent() && !now.get().refreshToken().equals(connection.refreshToken())) {
                return new ProviderResult.Ok<>(now.get().accessToken());
            }
            return new ProviderResult.Unauthorized<>("Strava refused to refresh the token");
        }
        Optional<TokenPair> pair = TokenPair.parse(json, success.body());
        if (pair.isEmpty()) {
            return new ProviderResult.Unavailable<>(
                    "malformed token response", clock.instant().plus(settings.backoffCap()));
        }
        ProviderConnection fresh = connection.withTokens(
                pair.get().access(), pair.get().refresh(), pair.get().expiresAt());
        if (!credentials.rotated(user, connection.refreshToken(), fresh)) {
            return credentials
                    .current(user)
                    .<ProviderResult<String>>map(c -> new ProviderResult.Ok<>(c.accessToken()))
                    .orElseGet(() -> new ProviderResult.Unauthorized<>("Strava was disconnected"));
        }
        return new ProviderResult.Ok<>(fresh.accessToken());
    }

    static HttpRequest form(java.net.URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The token fields of Strava's {@code /oauth/token} answer. */
    record TokenPair(String access, String refresh, Instant expiresAt, Optional<Long> athleteId) {
        static Optional<TokenPair> parse(ObjectMapper json, String body) {
            try {
                JsonNode node = json.readTree(body);
                String access = node.path("access_token").asText("");
                String refresh = node.path("refresh_token").asText("");
                long expires = node.path("expires_at").asLong(0);
                if (access.isEmpty() || refresh.isEmpty() || expires <= 0) {
                    return Optional.empty();
                }
                JsonNode athlete = node.path("athlete").path("id");
                return Optional.of(new TokenPair(
                        access,
                        refresh,
                        Instant.ofEpochSecond(expires),
                        athlete.canConvertToLong() ? Optional.of(athlete.asLong()) : Optional.empty()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}

package org.fitsync.adapter.strava;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ProviderAuthorization;
import org.fitsync.ports.out.imports.ProviderCredentials;
import org.fitsync.ports.out.imports.ProviderResult;

/** The Strava v3 API on {@code java.net.http}: activities, streams and the OAuth endpoints. */
public final class StravaClient implements ActivityProvider, ProviderAuthorization {

    private final StravaClientSettings settings;
    private final StravaHttp http;
    private final StravaTokens tokens;
    private final StravaJson parse;
    private final Clock clock;

    public StravaClient(StravaClientSettings settings, ProviderCredentials credentials, Clock clock) {
        this.settings = settings;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.http = new StravaHttp(client, settings, clock);
        ObjectMapper json = StravaJsonMapper.newMapper();
        this.tokens = new StravaTokens(http, settings, credentials, json, clock);
        this.parse = new StravaJson(json);
        this.clock = clock;
    }

    @Override
    public ProviderResult<List<ProviderActivity>> listActivities(
            UserId user, Optional<Instant> before, Optional<Instant> after, int perPage) {
        StringBuilder query = new StringBuilder("/athlete/activities?page=1&per_page=").append(perPage);
        // Strava sorts oldest first when only "after" is given; with "before" as well it stays newest
        // first, which is the order the before-cursor relies on.
        Optional<Instant> upper = before.isPresent() || after.isEmpty()
                ? before
                : Optional.of(clock.instant().plus(Duration.ofDays(1)));
        upper.ifPresent(b -> query.append("&before=").append(b.getEpochSecond()));
        after.ifPresent(a -> query.append("&after=").append(a.getEpochSecond()));
        return get(user, settings.api(query.toString()), parse::activities);
    }

    @Override
    public ProviderResult<List<TrackPoint>> track(UserId user, ProviderActivity activity) {
        URI uri = settings.api("/activities/" + activity.id() + "/streams?keys=latlng,time,altitude&key_by_type=true");
        return get(user, uri, body -> parse.track(body, activity.startDate()));
    }

    @Override
    public ProviderResult<ProviderActivity> activity(UserId user, String activityId) {
        if (!activityId.matches("\\d{1,20}")) {
            return new ProviderResult.NotFound<>("not a Strava activity id");
        }
        return get(user, settings.api("/activities/" + activityId), parse::activity);
    }

    /** A GET with the user's token; one forced refresh if Strava says the token is no good. */
    private <T> ProviderResult<T> get(UserId user, URI uri, Function<String, Optional<T>> parser) {
        Optional<String> rejected = Optional.empty();
        while (true) {
            ProviderResult<String> token = tokens.accessToken(user, rejected);
            if (!(token instanceof ProviderResult.Ok<String> ok)) {
                return token.map(t -> null);
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + ok.value())
                    .header("Accept", "application/json")
                    .timeout(settings.requestTimeout())
                    .GET()
                    .build();
            StravaHttp.Reply reply = http.api(request, true);
            if (reply instanceof StravaHttp.Reply.Success success) {
                return parser.apply(success.body())
                        .<ProviderResult<T>>map(ProviderResult.Ok::new)
                        .orElseGet(() -> new ProviderResult.Unavailable<>(
                                "malformed response from Strava",
                                clock.instant().plus(settings.backoffCap())));
            }
            if (reply instanceof StravaHttp.Reply.RateLimited limited) {
                return new ProviderResult.RateLimited<>(limited.resumeAt());
            }
            if (reply instanceof StravaHttp.Reply.Unavailable unavailable) {
                return new ProviderResult.Unavailable<>(unavailable.detail(), unavailable.retryAt());
            }
            StravaHttp.Reply.ClientError error = (StravaHttp.Reply.ClientError) reply;
            if (error.status() == 401 && rejected.isEmpty()) {
                rejected = Optional.of(ok.value());
                continue;
            }
            if (error.status() == 404) {
                return new ProviderResult.NotFound<>("Strava has no such resource");
            }
            if (error.status() == 401 || error.status() == 403) {
                return new ProviderResult.Unauthorized<>("Strava refused access (" + error.status() + ")");
            }
            return new ProviderResult.Unavailable<>(
                    "Strava answered " + error.status(), clock.instant().plus(settings.backoffCap()));
        }
    }

    @Override
    public ProviderResult<ProviderConnection> exchange(String code, Set<String> grantedScopes) {
        HttpRequest request = StravaTokens.form(
                settings.oauth("/token"),
                Map.of(
                        "client_id",
                        settings.clientId(),
                        "client_secret",
                        settings.clientSecret(),
                        "code",
                        code,
                        "grant_type",
                        "authorization_code"));
        StravaHttp.Reply reply = http.oauth(request);
        if (reply instanceof StravaHttp.Reply.Unavailable unavailable) {
            return new ProviderResult.Unavailable<>(unavailable.detail(), unavailable.retryAt());
        }
        if (!(reply instanceof StravaHttp.Reply.Success success)) {
            return new ProviderResult.Unauthorized<>("Strava rejected the authorization code");
        }
        Optional<StravaTokens.TokenPair> pair = StravaTokens.TokenPair.parse(parse.mapper(), success.body());
        if (pair.isEmpty() || pair.get().athleteId().isEmpty()) {
            return new ProviderResult.Unavailable<>(
                    "malformed token response", clock.instant().plus(settings.backoffCap()));
        }
        StravaTokens.TokenPair tokens = pair.get();
        return new ProviderResult.Ok<>(new ProviderConnection(
                tokens.athleteId().get(), grantedScopes, tokens.access(), tokens.refresh(), tokens.expiresAt()));
    }

    @Override
    public boolean deauthorize(ProviderConnection connection) {
        String access = connection.accessToken();
        if (connection.needsRefresh(clock.instant(), Duration.ofSeconds(30))) {
            // Strava only takes a live access token here; the refreshed pair is not kept, it is being revoked.
            StravaHttp.Reply refreshed = http.oauth(StravaTokens.form(
                    settings.oauth("/token"),
                    Map.of(
                            "client_id", settings.clientId(),
                            "client_secret", settings.clientSecret(),
                            "grant_type", "refresh_token",
                            "refresh_token", connection.refreshToken())));
            if (refreshed instanceof StravaHttp.Reply.Success success) {
                Optional<StravaTokens.TokenPair> pair = StravaTokens.TokenPair.parse(parse.mapper(), success.body());
                if (pair.isPresent()) {
                    access = pair.get().access();
                }
            }
        }
        return http.oauth(StravaTokens.form(settings.oauth("/deauthorize"), Map.of("access_token", access)))
                instanceof StravaHttp.Reply.Success;
    }

    /** The URL the user is sent to for consent. */
    public URI authorizeUrl(URI redirectUri, String state) {
        return URI.create(settings.oauth("/authorize") + "?client_id=" + enc(settings.clientId())
                + "&response_type=code&approval_prompt=auto&scope=" + enc("read,activity:read_all")
                + "&redirect_uri=" + enc(redirectUri.toString()) + "&state=" + enc(state));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}

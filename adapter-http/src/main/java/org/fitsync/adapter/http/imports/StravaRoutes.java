package org.fitsync.adapter.http.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.imports.ConnectProviderCommand;
import org.fitsync.ports.in.imports.ConnectProviderUseCase;
import org.fitsync.ports.in.imports.DisconnectProviderCommand;
import org.fitsync.ports.in.imports.DisconnectProviderUseCase;
import org.fitsync.ports.in.imports.HandleProviderEventCommand;
import org.fitsync.ports.in.imports.HandleProviderEventUseCase;
import org.fitsync.ports.in.imports.ViewConnectionQuery;
import org.fitsync.ports.in.imports.ViewConnectionUseCase;

/**
 * {@code /api/v1/integrations/strava} (status, authorize, the OAuth callback, disconnect) and
 * {@code /api/v1/webhooks/strava} (subscription validation and events). The callback and the
 * webhook are public: the signed {@code state} and the verify token stand in for a bearer token.
 */
public final class StravaRoutes implements RouteModule {

    static final String CALLBACK = "/api/v1/integrations/strava/callback";
    static final String WEBHOOK = "/api/v1/webhooks/strava";

    /** What the routes need beyond the use cases. */
    public record Settings(
            Function<String, URI> authorizeUrl,
            OAuthState state,
            Optional<URI> returnUrl,
            Optional<String> verifyToken) {}

    private final ConnectProviderUseCase connect;
    private final DisconnectProviderUseCase disconnect;
    private final ViewConnectionUseCase status;
    private final HandleProviderEventUseCase events;
    private final JsonBody jsonBody;
    private final Settings settings;

    public StravaRoutes(
            ConnectProviderUseCase connect,
            DisconnectProviderUseCase disconnect,
            ViewConnectionUseCase status,
            HandleProviderEventUseCase events,
            JsonBody jsonBody,
            Settings settings) {
        this.connect = connect;
        this.disconnect = disconnect;
        this.status = status;
        this.events = events;
        this.jsonBody = jsonBody;
        this.settings = settings;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/integrations/strava", this::status);
        routes.get("/api/v1/integrations/strava/authorize", this::authorize);
        routes.get(CALLBACK, this::callback);
        routes.delete("/api/v1/integrations/strava", this::disconnect);
        routes.get(WEBHOOK, this::validateSubscription);
        routes.post(WEBHOOK, this::event);
    }

    @Override
    public Set<String> publicPaths() {
        return Set.of(CALLBACK, WEBHOOK);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/strava.json");
    }

    private void status(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<ViewConnectionUseCase.Status> current = status.status(new ViewConnectionQuery(user));
        body.put("connected", current.isPresent());
        current.ifPresent(s -> {
            body.put("athlete_id", s.athleteId());
            body.put("scopes", s.scopes().stream().sorted().toList());
        });
        ctx.json(body);
    }

    private void authorize(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ctx.json(Map.of(
                "authorize_url",
                settings.authorizeUrl().apply(settings.state().issue(user)).toString()));
    }

    private void callback(Context ctx) {
        Optional<UserId> user = settings.state().verify(ctx.queryParam("state"));
        if (user.isEmpty()) {
            throw ProblemException.badRequest("The state is missing, invalid or expired: start again from authorize");
        }
        if (ctx.queryParam("error") != null) {
            throw ProblemException.badRequest("Strava authorization was not granted: " + ctx.queryParam("error"));
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank() || code.length() > 512) {
            throw ProblemException.badRequest("The code is missing");
        }
        Set<String> scopes = Arrays.stream(
                        Optional.ofNullable(ctx.queryParam("scope")).orElse("").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (!scopes.contains("activity:read") && !scopes.contains("activity:read_all")) {
            throw ProblemException.badRequest("The grant must include activity:read or activity:read_all");
        }
        ConnectProviderUseCase.ConnectOutcome outcome =
                connect.connect(new ConnectProviderCommand(user.get(), code, scopes));
        if (outcome instanceof ConnectProviderUseCase.ConnectOutcome.Connected connected) {
            if (settings.returnUrl().isPresent()) {
                ctx.redirect(settings.returnUrl().get().toString(), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            ctx.json(Map.of("connected", true, "athlete_id", connected.athleteId()));
        } else if (outcome instanceof ConnectProviderUseCase.ConnectOutcome.MissingScope missing) {
            throw ProblemException.badRequest(missing.detail());
        } else if (outcome instanceof ConnectProviderUseCase.ConnectOutcome.ProviderUnavailable) {
            // Strava's outage, not the caller's input: the one 5xx this route has, with a hint to retry.
            ctx.header("Retry-After", "30");
            throw new ProblemException(Problem.of(
                    503,
                    "strava-unavailable",
                    "Strava unavailable",
                    "Strava could not be reached to complete the connection; authorize again shortly"));
        } else {
            throw ProblemException.badRequest(((ConnectProviderUseCase.ConnectOutcome.Rejected) outcome).detail());
        }
    }

    private void disconnect(Context ctx) {
        disconnect.disconnect(
                new DisconnectProviderCommand(Authentication.caller(ctx).user()));
        ctx.status(204);
    }

    private void validateSubscription(Context ctx) {
        String challenge = ctx.queryParam("hub.challenge");
        String token = ctx.queryParam("hub.verify_token");
        if (challenge == null || token == null || !"subscribe".equals(ctx.queryParam("hub.mode"))) {
            throw ProblemException.badRequest("hub.mode=subscribe, hub.challenge and hub.verify_token are required");
        }
        if (settings.verifyToken().isEmpty()
                || !constantTimeEquals(settings.verifyToken().get(), token)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "The verify token does not match"));
        }
        ctx.json(Map.of("hub.challenge", challenge));
    }

    private void event(Context ctx) {
        JsonNode body = jsonBody.readObject(ctx);
        String objectType = body.path("object_type").asText("");
        String aspect = body.path("aspect_type").asText("");
        if (!body.path("object_id").canConvertToLong()
                || !body.path("owner_id").canConvertToLong()
                || objectType.isEmpty()
                || aspect.isEmpty()) {
            throw ProblemException.invalid(
                    "object_id", "an event needs object_type, object_id, aspect_type and owner_id");
        }
        boolean deauthorized = objectType.equals("athlete")
                && "false".equals(body.path("updates").path("authorized").asText(""));
        events.accept(new HandleProviderEventCommand(
                objectType,
                body.path("object_id").asLong(),
                aspect,
                body.path("owner_id").asLong(),
                deauthorized));
        ctx.status(200).json(Map.of("received", true));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

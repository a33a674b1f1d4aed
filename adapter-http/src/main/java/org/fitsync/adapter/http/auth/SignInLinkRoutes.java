package org.fitsync.adapter.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.ratelimit.RateDecision;
import org.fitsync.adapter.http.ratelimit.TokenBucketLimiter;
import org.fitsync.ports.in.auth.RedeemSignInLinkCommand;
import org.fitsync.ports.in.auth.RedeemSignInLinkResult;
import org.fitsync.ports.in.auth.RedeemSignInLinkUseCase;

/**
 * {@code POST /api/v1/auth/link} (docs/api.md, Authentication): the web app trades a one-time sign-in link
 * for an access token. The link in the body is the credential, so the route needs no bearer token; it is
 * limited per client address instead. Neither the link nor the token is ever logged.
 */
public final class SignInLinkRoutes implements RouteModule {

    static final String PATH = "/api/v1/auth/link";

    /** How long the access token a link is traded for lasts: a working day in the web app. */
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(12);

    private final RedeemSignInLinkUseCase redeem;
    private final SignInLinkVerifier links;
    private final TokenIssuer tokens;
    private final JsonBody jsonBody;
    private final ObjectMapper mapper;
    private final TokenBucketLimiter limiter;

    /** {@code limiter}: sign-in attempts, keyed by client address. */
    public SignInLinkRoutes(
            RedeemSignInLinkUseCase redeem,
            SignInLinkVerifier links,
            TokenIssuer tokens,
            JsonBody jsonBody,
            ObjectMapper mapper,
            TokenBucketLimiter limiter) {
        this.redeem = redeem;
        this.links = links;
        this.tokens = tokens;
        this.jsonBody = jsonBody;
        this.mapper = mapper;
        this.limiter = limiter;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::exchange);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/auth.json");
    }

    @Override
    public Set<String> publicPaths() {
        return Set.of(PATH);
    }

    private void exchange(Context ctx) {
        if (limiter.tryAcquire(ctx.ip()) instanceof RateDecision.Limited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            throw new ProblemException(Problem.of(
                    429,
                    "rate-limited",
                    "Too many requests",
                    "Too many sign-in attempts; retry after " + limited.retryAfterSeconds() + " s"));
        }
        JsonNode link = jsonBody.readObject(ctx).path("link");
        if (!link.isTextual()) {
            throw ProblemException.badRequest("The body must be {\"link\": \"<sign-in link>\"}");
        }
        SignInLinkVerifier.Check check = links.check(link.textValue());
        if (check instanceof SignInLinkVerifier.Check.Refused refused) {
            throw invalid(refused.reason().detail());
        }
        SignInLink valid = ((SignInLinkVerifier.Check.Valid) check).link();
        RedeemSignInLinkResult result =
                redeem.redeem(new RedeemSignInLinkCommand(valid.user(), valid.linkId(), valid.admittedUntil()));
        if (result instanceof RedeemSignInLinkResult.AlreadyUsed) {
            throw invalid("The sign-in link was already used; ask for a new one");
        }
        List<String> roles = valid.roles().stream().sorted().toList();
        ObjectNode body = mapper.createObjectNode();
        body.put("access_token", tokens.issue(valid.user().value(), roles, ACCESS_TOKEN_TTL));
        body.put("token_type", "Bearer");
        body.put("expires_in", ACCESS_TOKEN_TTL.toSeconds());
        body.put("user_id", valid.user().value());
        ArrayNode granted = body.putArray("roles");
        roles.forEach(granted::add);
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(401, "sign-in-link-invalid", "Sign-in link refused", detail));
    }
}

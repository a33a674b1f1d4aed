package org.fitsync.app.wiring;

import java.time.Duration;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.SignInLinkRoutes;
import org.fitsync.adapter.http.auth.SignInLinkVerifier;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.http.ratelimit.TokenBucketLimiter;
import org.fitsync.adapter.http.ratelimit.WriteRateLimit;
import org.fitsync.adapter.postgres.auth.PostgresSignInLinks;
import org.fitsync.application.auth.SignInLinkService;

/**
 * The web app's one-time sign-in links: verified with a key derived from the node's HS256 secret, their
 * use recorded in PostgreSQL, traded for an access token signed with that secret. Wired only on a node
 * that has one (embedded mode or FITSYNC_JWT_SECRET).
 */
final class SignInLinksWiring {

    private final RouteModule routes;

    private SignInLinksWiring(FeatureContext context, String secret, Duration clockSkew, WriteRateLimit limit) {
        SignInLinkService service =
                new SignInLinkService(context.transactions(), new PostgresSignInLinks(), context.clock());
        this.routes = new SignInLinkRoutes(
                service,
                new SignInLinkVerifier(secret, clockSkew, context.clock()),
                new TokenIssuer(secret, context.clock()),
                context.jsonBody(),
                context.json(),
                TokenBucketLimiter.systemClock(limit));
    }

    /**
     * {@code secret}: the node's HS256 secret; {@code clockSkew}: the leeway tokens get, given to a link's
     * expiry too; {@code limit}: sign-in attempts per client address.
     */
    static SignInLinksWiring wire(FeatureContext context, String secret, Duration clockSkew, WriteRateLimit limit) {
        return new SignInLinksWiring(context, secret, clockSkew, limit);
    }

    RouteModule routes() {
        return routes;
    }
}

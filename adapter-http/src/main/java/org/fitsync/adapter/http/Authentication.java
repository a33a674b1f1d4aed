package org.fitsync.adapter.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.fitsync.adapter.http.auth.AuthenticationException;
import org.fitsync.adapter.http.auth.Caller;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.slf4j.MDC;

/**
 * Bearer authentication for {@code /api/} routes. Only the {@code Authorization} header is read:
 * a token in the query string would end up in access logs and proxies, so it does not count.
 */
public final class Authentication {

    private static final String CALLER = "fitsync.caller";
    private static final String PREFIX = "Bearer ";

    private final TokenVerifier verifier;
    private final Set<String> publicPaths;
    private final Set<String> publicRoutes;

    Authentication(TokenVerifier verifier, Set<String> publicPaths, Set<String> publicRoutes) {
        this.verifier = verifier;
        this.publicPaths = Set.copyOf(publicPaths);
        this.publicRoutes = Set.copyOf(publicRoutes);
    }

    /** {@code route}: the method and matched path template, as {@code "PUT /api/v1/files/{id}/content"}. */
    void authenticate(Context ctx, String path, String route) {
        if (!path.startsWith("/api/") || publicPaths.contains(path) || publicRoutes.contains(route)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw unauthorized("A bearer token is required");
        }
        try {
            Caller caller = verifier.verify(header.substring(PREFIX.length()).trim());
            ctx.attribute(CALLER, caller);
            MDC.put("user_id", caller.user().value());
        } catch (AuthenticationException e) {
            throw unauthorized(e.getMessage());
        }
    }

    /** The caller of an authenticated route. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route is not authenticated: " + ctx.path());
        }
        return caller;
    }

    /** The caller if this request was authenticated (public and non-API paths are not). */
    public static Optional<Caller> authenticatedCaller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER));
    }

    /** The caller, who must hold {@code role}; otherwise {@code 403}. */
    public static Caller callerWithRole(Context ctx, String role) {
        Caller caller = caller(ctx);
        if (!caller.hasRole(role)) {
            throw new ProblemException(
                    Problem.of(403, "forbidden", "Forbidden", "This operation requires the '" + role + "' role"));
        }
        return caller;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }
}

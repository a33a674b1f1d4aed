package org.fitsync.app.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fitsync.adapter.http.auth.SignInLinkIssuer;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.wiring.NodeSecrets;
import org.fitsync.domain.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fitsync token}: a JWT signed with the node's secret, for local use and scripts; with {@code --link},
 * a one-time sign-in link for the web app instead (docs/api.md, {@code POST /api/v1/auth/link}).
 */
@Command(
        name = "token",
        description = {
            "Print a JWT signed with the configured secret (for local use and scripts).",
            "With --link, print a one-time sign-in link for the web app instead: <base>/app/#link=<link>."
                    + " It signs in once, within its --ttl (15m by default), and the app then holds a 12 h token."
        })
public final class TokenCommand implements Callable<Integer> {

    static final Duration TOKEN_TTL = Duration.ofHours(24);
    static final Duration LINK_TTL = Duration.ofMinutes(15);
    static final Duration MAX_LINK_TTL = Duration.ofHours(24);

    @Option(names = "--user", required = true, description = "The user id (the token's sub).")
    String user;

    @Option(names = "--role", description = "A role to grant, e.g. coach. Repeatable.")
    List<String> roles = List.of();

    @Option(
            names = "--ttl",
            description = "Lifetime, e.g. 15m, 24h, 30d: the token's (default 24h), or with --link the link's"
                    + " (default 15m, at most 24h).")
    String ttl;

    @Option(
            names = "--link",
            description = "Print a one-time sign-in link for the web app (at /app) instead of a token."
                    + " Needs the node's HS256 secret: not with FITSYNC_JWKS_URL.")
    boolean link;

    @Option(
            names = "--base-url",
            description = "With --link: where users reach this server, e.g. https://fitsync.example.com"
                    + " (default FITSYNC_PUBLIC_URL, else http://localhost:<FITSYNC_PORT>).")
    String baseUrl;

    @Override
    public Integer call() {
        return run(Environment.system(), Clock.systemUTC(), System.out, System.err);
    }

    int run(Environment env, Clock clock, PrintStream out, PrintStream err) {
        FitSyncConfig config = FitSyncConfig.from(env);
        if (!UserId.isValid(user)) {
            err.println("--user must be 1..128 characters without control characters");
            return 2;
        }
        if (baseUrl != null && !link) {
            err.println("--base-url is for --link");
            return 2;
        }
        Duration lifetime = ttl == null ? (link ? LINK_TTL : TOKEN_TTL) : Environment.parseDuration("--ttl", ttl);
        if (!link) {
            String secret = NodeSecrets.jwtSecret(config.auth(), config.dataDir());
            out.println(new TokenIssuer(secret, clock).issue(user, roles, lifetime));
            return 0;
        }
        if (lifetime.compareTo(MAX_LINK_TTL) > 0) {
            err.println("--ttl of a sign-in link is at most 24h");
            return 2;
        }
        Optional<String> secret = NodeSecrets.hs256Secret(config.auth(), config.dataDir());
        if (secret.isEmpty()) {
            err.println("--link needs the node's HS256 secret, but this node verifies tokens with FITSYNC_JWKS_URL:"
                    + " users sign in through that identity provider");
            return 2;
        }
        Optional<String> base = base(config);
        if (base.isEmpty()) {
            err.println("--base-url must be an absolute http or https URL, e.g. https://fitsync.example.com");
            return 2;
        }
        String signInLink = new SignInLinkIssuer(secret.get(), clock).issue(user, roles, lifetime);
        out.println(base.get() + "/app/#link=" + signInLink);
        return 0;
    }

    /** Where the link points: --base-url, else FITSYNC_PUBLIC_URL, else this machine's FITSYNC_PORT. */
    private Optional<String> base(FitSyncConfig config) {
        String chosen;
        if (baseUrl != null) {
            chosen = baseUrl;
        } else {
            chosen = config.files()
                    .publicUrl()
                    .map(URI::toString)
                    .orElse("http://localhost:" + config.server().port());
        }
        try {
            URI uri = new URI(chosen);
            if (!uri.isAbsolute()
                    || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(chosen.replaceAll("/+$", ""));
    }
}

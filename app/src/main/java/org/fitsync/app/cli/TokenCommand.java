package org.fitsync.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.wiring.NodeSecrets;
import org.fitsync.domain.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fitsync token}: a JWT signed with the node's secret, for local use and scripts. */
@Command(name = "token", description = "Print a JWT signed with the configured secret (for local use and scripts).")
public final class TokenCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user id (the token's sub).")
    String user;

    @Option(names = "--role", description = "A role to grant, e.g. coach. Repeatable.")
    List<String> roles = List.of();

    @Option(
            names = "--ttl",
            defaultValue = "24h",
            description = "Lifetime, e.g. 15m, 24h, 30d (default ${DEFAULT-VALUE}).")
    String ttl;

    @Override
    public Integer call() {
        FitSyncConfig config = FitSyncConfig.from(Environment.system());
        if (!UserId.isValid(user)) {
            System.err.println("--user must be 1..128 characters without control characters");
            return 2;
        }
        Duration lifetime = Environment.parseDuration("--ttl", ttl);
        String secret = NodeSecrets.jwtSecret(config.auth(), config.dataDir());
        System.out.println(new TokenIssuer(secret, Clock.systemUTC()).issue(user, roles, lifetime));
        return 0;
    }
}

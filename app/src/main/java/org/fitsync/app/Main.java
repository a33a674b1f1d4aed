package org.fitsync.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.postgres.Migrations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code fitsync} command line: {@code serve}, {@code migrate}, {@code token} and {@code strava-webhook}. */
@Command(name = "fitsync", mixinStandardHelpOptions = true,
        description = "FitSync: an offline-first sync backend for fitness apps.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.Token.class, StravaWebhookCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    @Command(name = "serve", description = "Start the HTTP server (embedded PostgreSQL unless FITSYNC_DATABASE_URL is set).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Environment env = Environment.system();
            AppConfig config = AppConfig.from(env);
            FitSyncApplication app = FitSyncApplication.start(config, env);
            CountDownLatch stopped = new CountDownLatch(1);
            // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool, stop the database.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "fitsync-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            AppConfig config = AppConfig.from(Environment.system());
            if (config.embeddedDatabase()) {
                try (EmbeddedDatabase db = EmbeddedDatabase.start(config.dataDir(), 1)) {
                    System.out.println("Applied " + Migrations.forSettings(db.settings()).migrate() + " migrations");
                }
            } else {
                var settings = new org.fitsync.adapter.postgres.DatabaseSettings(config.databaseUrl().orElseThrow(),
                        config.databaseUser(), config.databasePassword(), config.databaseOwnerUser(),
                        config.databaseOwnerPassword(), 1);
                System.out.println("Applied " + Migrations.forSettings(settings).migrate() + " migrations");
            }
            return 0;
        }
    }

    @Command(name = "token", description = "Print a JWT signed with the configured secret (for local use and scripts).")
    static final class Token implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "The user id (the token's sub).")
        String user;

        @Option(names = "--role", description = "A role to grant, e.g. coach. Repeatable.")
        List<String> roles = List.of();

        @Option(names = "--ttl", defaultValue = "24h", description = "Lifetime, e.g. 15m, 24h, 30d (default ${DEFAULT-VALUE}).")
        String ttl;

        @Override
        public Integer call() {
            AppConfig config = AppConfig.from(Environment.system());
            if (!org.fitsync.domain.UserId.isValid(user)) {
                System.err.println("--user must be 1..128 characters without control characters");
                return 2;
            }
            Duration lifetime = Environment.parseDuration("--ttl", ttl);
            String secret = FitSyncApplication.jwtSecret(config);
            System.out.println(new TokenIssuer(secret, Clock.systemUTC()).issue(user, roles, lifetime));
            return 0;
        }
    }
}

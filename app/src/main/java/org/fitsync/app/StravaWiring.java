package org.fitsync.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.imports.ImportRoutes;
import org.fitsync.adapter.http.imports.OAuthState;
import org.fitsync.adapter.http.imports.StravaRoutes;
import org.fitsync.adapter.postgres.imports.PostgresImportEvents;
import org.fitsync.adapter.postgres.imports.PostgresImportJobs;
import org.fitsync.adapter.postgres.imports.PostgresProviderConnections;
import org.fitsync.adapter.postgres.imports.TokenCipher;
import org.fitsync.adapter.strava.StravaClient;
import org.fitsync.adapter.weather.OpenMeteoWeather;
import org.fitsync.application.imports.ConnectionService;
import org.fitsync.application.imports.ImportRunner;
import org.fitsync.application.imports.ImportService;
import org.fitsync.application.imports.ProviderEventService;
import org.fitsync.application.imports.TransactionalCredentials;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.imports.WeatherLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Strava import feature: its adapters, services, routes and background workers. */
final class StravaWiring {

    private static final Logger LOG = LoggerFactory.getLogger(StravaWiring.class);

    private final List<RouteModule> routes;
    private final List<AutoCloseable> workers;

    private StravaWiring(List<RouteModule> routes, List<AutoCloseable> workers) {
        this.routes = routes;
        this.workers = workers;
    }

    static Optional<StravaWiring> wire(FeatureContext context, ImportedRunStore runs) {
        Optional<StravaSettings> configured = StravaSettings.from(context.environment(), context.config());
        if (configured.isEmpty()) {
            LOG.info("Strava import is off: FITSYNC_STRAVA_CLIENT_ID is not set");
            return Optional.empty();
        }
        StravaSettings settings = configured.get();
        var jdbi = context.database().jdbi();
        var transactions = context.transactions();
        var clock = context.clock();

        var connections = new PostgresProviderConnections(TokenCipher.fromBase64(settings.tokenKey()), jdbi);
        var jobs = new PostgresImportJobs(jdbi);
        var events = new PostgresImportEvents(context.database().dataSource());
        var strava = new StravaClient(settings.client(), new TransactionalCredentials(transactions, connections),
                clock);
        WeatherLookup weather = settings.weatherEnabled()
                ? new OpenMeteoWeather(settings.weatherBaseUrl(), Duration.ofSeconds(5))
                : WeatherLookup.OFF;

        var imports = new ImportService(transactions, jobs, connections, events, clock);
        var connectionService = new ConnectionService(transactions, connections, strava, jobs, runs, events, clock);
        ExecutorService webhookExecutor = Executors.newSingleThreadExecutor(daemon("fitsync-strava-webhooks"));
        var providerEvents = new ProviderEventService(transactions, connections, jobs, strava, events,
                connectionService, webhookExecutor, clock);
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("fitsync-import-heartbeat"));
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService fetches = Executors.newFixedThreadPool(
                Math.max(1, settings.workers() * settings.parallelFetches()), daemon("fitsync-import-fetch"));
        var runner = new ImportRunner(new ImportRunner.Settings(node, settings.lease(), 200, settings.maxAttempts(),
                settings.parallelFetches()), transactions, jobs, strava, runs, weather, events, heartbeats,
                fetches, new LoggingJobContext(), new MicrometerImportMetrics(context.metrics()), clock);

        var stravaRoutes = new StravaRoutes(connectionService, connectionService, connectionService, providerEvents,
                context.jsonBody(), new StravaRoutes.Settings(
                        state -> strava.authorizeUrl(settings.callbackUrl(), state),
                        new OAuthState(stateKey(settings.tokenKey()), clock, Duration.ofMinutes(15)),
                        settings.returnUrl(), settings.verifyToken()));
        var importRoutes = new ImportRoutes(new ImportRoutes.UseCases(imports, imports, imports, imports, imports), context.jsonBody(), context.json(),
                settings.sseHeartbeat());
        ImportWorkers importWorkers = new ImportWorkers(runner, settings.workers(), settings.poll(), heartbeats);
        LOG.info("Strava import on: node {}, {} workers", node, settings.workers());
        return Optional.of(new StravaWiring(List.of(importRoutes, stravaRoutes),
                List.of(stopping(fetches), importWorkers, stopping(webhookExecutor), events)));
    }

    void addTo(List<RouteModule> allRoutes, List<AutoCloseable> allWorkers) {
        allRoutes.addAll(routes);
        allWorkers.addAll(workers);
    }

    /** The state-signing key, derived from the token key so one secret serves both, for different purposes. */
    private static byte[] stateKey(String tokenKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("fitsync oauth state".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Stops an executor and waits briefly, so no task still holds a connection when the pool closes. */
    private static AutoCloseable stopping(ExecutorService executor) {
        return () -> {
            executor.shutdownNow();
            executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

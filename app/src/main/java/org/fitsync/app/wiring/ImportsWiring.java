package org.fitsync.app.wiring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.HmacSha256;
import org.fitsync.adapter.http.imports.ImportRoutes;
import org.fitsync.adapter.http.imports.OAuthState;
import org.fitsync.adapter.http.imports.StravaRoutes;
import org.fitsync.adapter.postgres.imports.PostgresImportEvents;
import org.fitsync.adapter.postgres.imports.PostgresImportJobs;
import org.fitsync.adapter.postgres.imports.PostgresProviderConnections;
import org.fitsync.adapter.postgres.imports.TokenCipher;
import org.fitsync.adapter.strava.StravaClient;
import org.fitsync.adapter.weather.OpenMeteoWeather;
import org.fitsync.app.config.ImportsConfig;
import org.fitsync.application.imports.ConnectionService;
import org.fitsync.application.imports.ImportRunner;
import org.fitsync.application.imports.ImportService;
import org.fitsync.application.imports.ProviderAccessRevocation;
import org.fitsync.application.imports.ProviderEventService;
import org.fitsync.application.imports.TransactionalCredentials;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.ports.in.imports.CancelImportUseCase;
import org.fitsync.ports.in.imports.ConnectProviderUseCase;
import org.fitsync.ports.in.imports.DisconnectProviderUseCase;
import org.fitsync.ports.in.imports.GetImportUseCase;
import org.fitsync.ports.in.imports.HandleProviderEventUseCase;
import org.fitsync.ports.in.imports.ListImportsUseCase;
import org.fitsync.ports.in.imports.StartImportUseCase;
import org.fitsync.ports.in.imports.ViewConnectionUseCase;
import org.fitsync.ports.in.imports.WatchImportUseCase;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ActivityProviders;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.imports.ProviderAuthorization;
import org.fitsync.ports.out.imports.ProviderConnectionStore;
import org.fitsync.ports.out.imports.WeatherLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The imports feature (Strava): its adapters, services, routes and background workers. */
final class ImportsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ImportsWiring.class);

    private final List<RouteModule> routes;
    private final List<AutoCloseable> workers;
    private final RevokeProviderAccessPort revocation;
    private final ViewConnectionUseCase connections;

    private ImportsWiring(
            List<RouteModule> routes,
            List<AutoCloseable> workers,
            RevokeProviderAccessPort revocation,
            ViewConnectionUseCase connections) {
        this.routes = routes;
        this.workers = workers;
        this.revocation = revocation;
        this.connections = connections;
    }

    /** The feature when Strava is off: no routes, no workers. */
    static Optional<ImportsWiring> off() {
        LOG.info("Strava import is off: FITSYNC_STRAVA_CLIENT_ID is not set");
        return Optional.empty();
    }

    /**
     * Strava on ({@code config.strava()} present). {@code tokenKey}: the key for provider tokens at rest;
     * {@code runs}: the runs feature's store, through whose use cases every imported run goes;
     * {@code archives} and {@code files}: the files feature's uploaded Strava exports (strava_archive).
     */
    static ImportsWiring wire(
            FeatureContext context,
            ImportsConfig config,
            String tokenKey,
            ImportedRunStore runs,
            RunPlaces places,
            ActivityProviders archives,
            LoadFilePort files) {
        ImportsConfig.Strava settings = config.strava().orElseThrow();
        ImportsConfig.Workers workerSettings = config.workers();
        var jdbi = context.database().jdbi();
        var transactions = context.transactions();
        var clock = context.clock();

        ProviderConnectionStore connections = new PostgresProviderConnections(TokenCipher.fromBase64(tokenKey), jdbi);
        ImportJobStore jobs = new PostgresImportJobs(jdbi);
        PostgresImportEvents postgresEvents =
                new PostgresImportEvents(context.database().listenerSource());
        ImportEvents events = postgresEvents;
        StravaClient strava =
                new StravaClient(settings.client(), new TransactionalCredentials(transactions, connections), clock);
        ActivityProvider activities = strava;
        ProviderAuthorization authorization = strava;
        WeatherLookup weather = config.weather().enabled()
                ? new OpenMeteoWeather(config.weather().baseUrl(), Duration.ofSeconds(5))
                : WeatherLookup.OFF;

        ImportService imports = new ImportService(transactions, jobs, connections, files, events, clock);
        ConnectionService connectionService =
                new ConnectionService(transactions, connections, authorization, jobs, runs, events, clock);
        DisconnectProviderUseCase disconnect = connectionService;
        ExecutorService webhookExecutor = Executors.newSingleThreadExecutor(daemon("fitsync-strava-webhooks"));
        HandleProviderEventUseCase providerEvents = new ProviderEventService(
                transactions, connections, jobs, activities, events, disconnect, webhookExecutor, clock);
        ScheduledExecutorService heartbeats =
                Executors.newSingleThreadScheduledExecutor(daemon("fitsync-import-heartbeat"));
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService fetches = Executors.newFixedThreadPool(
                Math.max(1, workerSettings.count() * workerSettings.parallelFetches()), daemon("fitsync-import-fetch"));
        var runner = new ImportRunner(
                new ImportRunner.Settings(
                        node,
                        workerSettings.lease(),
                        200,
                        workerSettings.maxAttempts(),
                        workerSettings.parallelFetches()),
                transactions,
                jobs,
                ActivityProviders.byName(Map.of(
                        StartImportUseCase.STRAVA,
                        ActivityProviders.always(activities),
                        StartImportUseCase.STRAVA_ARCHIVE,
                        archives)),
                runs,
                weather,
                places,
                events,
                heartbeats,
                fetches,
                new ImportsLoggingJobContext(),
                new ImportsMicrometerMetrics(context.metrics()),
                clock);

        ConnectProviderUseCase connect = connectionService;
        ViewConnectionUseCase status = connectionService;
        var stravaRoutes = new StravaRoutes(
                connect,
                disconnect,
                status,
                providerEvents,
                context.jsonBody(),
                new StravaRoutes.Settings(
                        state -> strava.authorizeUrl(settings.callbackUrl(), state),
                        new OAuthState(
                                HmacSha256.deriveKey(tokenKey, "fitsync oauth state"), clock, Duration.ofMinutes(15)),
                        settings.returnUrl(),
                        settings.verifyToken()));
        StartImportUseCase start = imports;
        ListImportsUseCase list = imports;
        GetImportUseCase get = imports;
        CancelImportUseCase cancel = imports;
        WatchImportUseCase watch = imports;
        var importRoutes = new ImportRoutes(
                new ImportRoutes.UseCases(start, list, get, cancel, watch),
                context.jsonBody(),
                context.json(),
                config.sseHeartbeat());
        ImportWorkers importWorkers =
                new ImportWorkers(runner, workerSettings.count(), workerSettings.poll(), heartbeats);
        LOG.info("Strava import on: node {}, {} workers", node, workerSettings.count());
        return new ImportsWiring(
                List.of(importRoutes, stravaRoutes),
                List.of(stopping(fetches), importWorkers, stopping(webhookExecutor), postgresEvents),
                new ProviderAccessRevocation(transactions, connections, authorization),
                status);
    }

    /** The user's Strava connection (never its tokens), for an account export. */
    ViewConnectionUseCase connections() {
        return connections;
    }

    /** Revokes a user's Strava grant at Strava, for an account erasure. */
    RevokeProviderAccessPort revocation() {
        return revocation;
    }

    List<RouteModule> routes() {
        return routes;
    }

    /** Background work to stop, in order, before the database closes. */
    List<AutoCloseable> workers() {
        return workers;
    }

    /** Stops an executor and waits briefly, so no task still holds a connection when the pool closes. */
    private static AutoCloseable stopping(ExecutorService executor) {
        return () -> {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

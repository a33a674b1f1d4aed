package org.fitsync.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fitsync.adapter.http.HttpServer;
import org.fitsync.adapter.http.HttpSettings;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.adapter.postgres.ChangeAnnouncer;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.Migrations;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresReadiness;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.app.config.AuthConfig;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.config.ServerConfig;
import org.fitsync.app.embedded.NodeDatabase;
import org.fitsync.app.wiring.FeatureContext;
import org.fitsync.app.wiring.Features;
import org.fitsync.app.wiring.NodeSecrets;
import org.fitsync.app.wiring.WebAppWiring;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: a running FitSync node and everything it owns, closed in reverse order. */
public final class FitSyncApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FitSyncApplication.class);

    private final List<AutoCloseable> resources;
    private final HttpServer http;
    private final Duration shutdownGrace;
    private final BackfillRunFiguresUseCase figuresBackfill;

    private FitSyncApplication(
            List<AutoCloseable> resources,
            HttpServer http,
            Duration shutdownGrace,
            BackfillRunFiguresUseCase figuresBackfill) {
        this.resources = resources;
        this.http = http;
        this.shutdownGrace = shutdownGrace;
        this.figuresBackfill = figuresBackfill;
    }

    /**
     * Reads and checks the whole configuration, then starts: a bad value stops start-up before the
     * database, embedded or not, is touched.
     */
    public static FitSyncApplication start(Environment env) {
        return start(FitSyncConfig.from(env));
    }

    /** Starts on the configured database, or on the embedded one in the data directory. */
    public static FitSyncApplication start(FitSyncConfig config) {
        NodeDatabase database = NodeDatabase.open(
                config.database(), config.dataDir(), config.database().poolSize());
        try {
            return start(config, database.settings(), List.of(database));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts on the given database, with the pool the configuration sets; {@code owned} is closed last
     * when the node stops.
     */
    public static FitSyncApplication start(FitSyncConfig config, DatabaseSettings given, List<AutoCloseable> owned) {
        List<AutoCloseable> resources = new ArrayList<>(owned);
        DatabaseSettings settings =
                given.withPool(config.database().poolSize(), config.database().connectionTimeout());
        try {
            Migrations migrations = Migrations.forSettings(settings);
            int applied = migrations.migrate();
            LOG.info("Database migrations applied: {}", applied);

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            bindJvmMetrics(metrics);

            PostgresDatabase database = PostgresDatabase.connect(settings, metrics);
            resources.add(0, database);
            // Closed after the HTTP server and the workers (added in front of it), before the pool.
            ChangeAnnouncer announcer = new ChangeAnnouncer(database.listenerSource());
            resources.add(0, announcer);

            ServerConfig server = config.server();
            var json = Json.newMapper();
            FeatureContext context = new FeatureContext(
                    Clock.systemUTC(),
                    database,
                    new PostgresTransactions(database.jdbi(), announcer),
                    new PostgresSyncVersions(),
                    json,
                    new JsonBody(json, server.maxBodyBytes()),
                    metrics);
            Features features = Features.wire(context, config);
            features.workers().forEach(worker -> resources.add(0, worker));

            HttpServer http = HttpServer.start(
                    new HttpSettings(
                            server.port(),
                            server.maxBodyBytes(),
                            config.rateLimit().writeRateLimit(),
                            server.httpThreads(),
                            config.admission().settings()),
                    json,
                    tokenVerifier(config),
                    metrics,
                    new PostgresReadiness(database.jdbi(), migrations),
                    WebAppWiring.withWebApp(features.routes(), config, json));
            resources.add(0, http);
            features.listening(http.port());
            LOG.info("FitSync listening on port {}", http.port());
            return new FitSyncApplication(resources, http, server.shutdownGrace(), features.figuresBackfill());
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static TokenVerifier tokenVerifier(FitSyncConfig config) {
        AuthConfig auth = config.auth();
        if (auth.jwksUrl().isPresent()) {
            return TokenVerifier.jwks(auth.jwksUrl().get(), auth.maxClockSkew());
        }
        return TokenVerifier.hmac(NodeSecrets.jwtSecret(auth, config.dataDir()), auth.maxClockSkew());
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry metrics) {
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
    }

    /**
     * The figures backfill of this node's database: what its worker runs every FITSYNC_BACKFILL_INTERVAL,
     * for running a pass at once (tests, an operator's tool).
     */
    public BackfillRunFiguresUseCase figuresBackfill() {
        return figuresBackfill;
    }

    public int port() {
        return http.port();
    }

    /**
     * Stops: first, for {@code FITSYNC_SHUTDOWN_GRACE}, answers {@code /health/ready} with {@code 503} while still
     * serving (a load balancer's health checks take the node out of rotation meanwhile); then stops accepting,
     * lets in-flight requests finish, stops workers, closes the pool and database.
     */
    @Override
    public void close() {
        if (!shutdownGrace.isZero()) {
            http.markStopping();
            LOG.info("Stopping: not ready from now on, serving for {} more", shutdownGrace);
            try {
                Thread.sleep(shutdownGrace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", resource.getClass().getSimpleName(), e);
            }
        }
    }
}

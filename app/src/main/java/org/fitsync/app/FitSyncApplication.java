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
import java.util.ArrayList;
import java.util.List;
import org.fitsync.adapter.http.HttpServer;
import org.fitsync.adapter.http.HttpSettings;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.Migrations;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresReadiness;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: a running FitSync node and everything it owns, closed in reverse order. */
public final class FitSyncApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FitSyncApplication.class);

    private final List<AutoCloseable> resources;
    private final HttpServer http;

    private FitSyncApplication(List<AutoCloseable> resources, HttpServer http) {
        this.resources = resources;
        this.http = http;
    }

    /** Starts on the configured database, or on the embedded one in the data directory. */
    public static FitSyncApplication start(AppConfig config, Environment env) {
        if (!config.embeddedDatabase()) {
            DatabaseSettings settings = new DatabaseSettings(config.databaseUrl().orElseThrow(),
                    config.databaseUser(), config.databasePassword(), config.databaseOwnerUser(),
                    config.databaseOwnerPassword(), config.databasePoolSize());
            return start(config, env, settings, List.of());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir(), config.databasePoolSize());
        try {
            return start(config, env, embedded.settings(), List.of(embedded));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** Starts on the given database; {@code owned} is closed last when the node stops. */
    public static FitSyncApplication start(AppConfig config, Environment env, DatabaseSettings settings,
                                           List<AutoCloseable> owned) {
        List<AutoCloseable> resources = new ArrayList<>(owned);
        try {
            Migrations migrations = Migrations.forSettings(settings);
            int applied = migrations.migrate();
            LOG.info("Database migrations applied: {}", applied);

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            bindJvmMetrics(metrics);

            PostgresDatabase database = PostgresDatabase.connect(settings, metrics);
            resources.add(0, database);

            var json = Json.newMapper();
            FeatureContext context = new FeatureContext(config, env, Clock.systemUTC(), database,
                    new PostgresTransactions(database.jdbi()), new PostgresSyncVersions(), json,
                    new JsonBody(json, config.maxBodyBytes()), metrics);
            Features features = Features.wire(context);
            features.workers().forEach(worker -> resources.add(0, worker));

            HttpServer http = HttpServer.start(new HttpSettings(config.port(), config.maxBodyBytes(),
                    RateLimitSettings.from(env), config.httpThreads()), json,
                    tokenVerifier(config), metrics, new PostgresReadiness(database.jdbi(), migrations),
                    features.routes());
            resources.add(0, http);
            LOG.info("FitSync listening on port {}", http.port());
            return new FitSyncApplication(resources, http);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    static TokenVerifier tokenVerifier(AppConfig config) {
        if (config.jwksUrl().isPresent()) {
            return TokenVerifier.jwks(config.jwksUrl().get(), config.maxClockSkew());
        }
        return TokenVerifier.hmac(jwtSecret(config), config.maxClockSkew());
    }

    /** The configured HS256 secret, or in embedded mode the one generated once into the data dir. */
    static String jwtSecret(AppConfig config) {
        return config.jwtSecret().orElseGet(() -> SecretFiles.readOrCreate(config.dataDir().resolve("jwt-secret"), 48));
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry metrics) {
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
    }

    public int port() {
        return http.port();
    }

    /** Stops accepting, lets in-flight requests finish, stops workers, closes the pool and database. */
    @Override
    public void close() {
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

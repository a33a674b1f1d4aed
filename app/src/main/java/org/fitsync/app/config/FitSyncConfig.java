package org.fitsync.app.config;

import java.nio.file.Path;
import org.fitsync.adapter.http.Json;

/**
 * All of FitSync's configuration, read from the environment in one place and checked completely before
 * anything starts: a bad value for any feature, on or off, stops start-up with a {@link ConfigException}
 * naming the variable, before the database is touched. Every value has a laptop default (see the
 * configuration table in docs/operations.md). {@code dataDir} ({@code FITSYNC_DATA_DIR}) holds the embedded database
 * and the secrets embedded mode generates.
 */
public record FitSyncConfig(
        ServerConfig server,
        DatabaseConfig database,
        AuthConfig auth,
        SyncConfig sync,
        RunsConfig runs,
        ImportsConfig imports,
        FilesConfig files,
        ExportsConfig exports,
        RateLimitConfig rateLimit,
        AdmissionConfig admission,
        WebAppConfig webApp,
        LogFormat logFormat,
        Path dataDir) {

    // logFormat is applied by the logging set-up (logback.xml), which runs before this is read; it is
    // part of the configuration so that a bad FITSYNC_LOG_FORMAT stops start-up like any other value.

    /** Reads the configuration; a terminal on stdout chooses text logs unless {@code FITSYNC_LOG_FORMAT} says. */
    public static FitSyncConfig from(Environment env) {
        return from(env, LogFormat.terminal());
    }

    static FitSyncConfig from(Environment env, boolean terminal) {
        ServerConfig server = ServerConfig.from(env);
        DatabaseConfig database = DatabaseConfig.from(env);
        AuthConfig auth = AuthConfig.from(env, database);
        Path dataDir = env.path("FITSYNC_DATA_DIR", "./data");
        return new FitSyncConfig(
                server,
                database,
                auth,
                SyncConfig.from(env, auth.maxClockSkew(), Json.newMapper()),
                RunsConfig.from(env),
                ImportsConfig.from(env, server, database),
                FilesConfig.from(env, database, auth, dataDir),
                ExportsConfig.from(env),
                RateLimitConfig.from(env),
                AdmissionConfig.from(env, server, database),
                WebAppConfig.from(env, auth),
                LogFormat.from(env, terminal),
                dataDir);
    }
}

package org.fitsync.adapter.postgres.archviolation;

import org.fitsync.adapter.http.Problem;
import org.fitsync.app.config.ServerConfig;

/** A deliberate violation, for ArchitectureTest: an adapter using another adapter and the app. */
public final class PostgresAdapterCallingHttpAdapter {

    public Problem problem(ServerConfig config) {
        return Problem.notFound(String.valueOf(config.port()));
    }
}

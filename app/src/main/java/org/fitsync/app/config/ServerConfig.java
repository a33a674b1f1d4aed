package org.fitsync.app.config;

import java.time.Duration;
import org.fitsync.adapter.http.HttpSettings;

/**
 * The HTTP server: {@code FITSYNC_PORT}, {@code FITSYNC_MAX_BODY_BYTES}, {@code FITSYNC_HTTP_THREADS} and
 * {@code FITSYNC_SHUTDOWN_GRACE} (how long a stopping node answers {@code /health/ready} with {@code 503}
 * while it still serves, so a load balancer takes it out of rotation before it stops accepting).
 */
public record ServerConfig(int port, long maxBodyBytes, int httpThreads, Duration shutdownGrace) {

    /** Jetty's request threads; chosen from the load measurements (docs/operations.md, "Load and capacity"). */
    public static final int DEFAULT_HTTP_THREADS = HttpSettings.DEFAULT_MAX_THREADS;

    static final String SHUTDOWN_GRACE = "FITSYNC_SHUTDOWN_GRACE";

    static ServerConfig from(Environment env) {
        int port = env.integer("FITSYNC_PORT", 7070, 0, 65535);
        long maxBody = env.bytes("FITSYNC_MAX_BODY_BYTES", 16L * 1024 * 1024);
        int httpThreads =
                env.integer("FITSYNC_HTTP_THREADS", DEFAULT_HTTP_THREADS, HttpSettings.MIN_MAX_THREADS, 10_000);
        Duration grace = env.duration(SHUTDOWN_GRACE, Duration.ZERO);
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException(SHUTDOWN_GRACE, "must be between 0s and 5m");
        }
        return new ServerConfig(port, maxBody, httpThreads, grace);
    }
}

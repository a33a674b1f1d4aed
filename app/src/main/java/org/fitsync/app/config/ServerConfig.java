package org.fitsync.app.config;

import org.fitsync.adapter.http.HttpSettings;

/** The HTTP server: {@code FITSYNC_PORT}, {@code FITSYNC_MAX_BODY_BYTES} and {@code FITSYNC_HTTP_THREADS}. */
public record ServerConfig(int port, long maxBodyBytes, int httpThreads) {

    /** Jetty's request threads; chosen from the load measurements (docs/operations.md, "Load and capacity"). */
    public static final int DEFAULT_HTTP_THREADS = HttpSettings.DEFAULT_MAX_THREADS;

    static ServerConfig from(Environment env) {
        int port = env.integer("FITSYNC_PORT", 7070, 0, 65535);
        long maxBody = env.bytes("FITSYNC_MAX_BODY_BYTES", 16L * 1024 * 1024);
        int httpThreads =
                env.integer("FITSYNC_HTTP_THREADS", DEFAULT_HTTP_THREADS, HttpSettings.MIN_MAX_THREADS, 10_000);
        return new ServerConfig(port, maxBody, httpThreads);
    }
}

package org.fitsync.adapter.http;

import org.fitsync.adapter.http.admission.AdmissionSettings;
import org.fitsync.adapter.http.ratelimit.WriteRateLimit;

/**
 * What the HTTP adapter needs from configuration. {@code maxThreads} bounds Jetty's request
 * threads: requests beyond it wait in Jetty's queue instead of running (docs/operations.md, "Load and capacity").
 * {@code admission} bounds each class of requests within them (docs/adr/0024).
 */
public record HttpSettings(
        int port, long maxBodyBytes, WriteRateLimit writeRateLimit, int maxThreads, AdmissionSettings admission) {

    /** Jetty's own default, kept for embedders and tests that do not choose. */
    public static final int DEFAULT_MAX_THREADS = 250;
    /** Jetty reserves up to eight threads for acceptors and selectors; fewer than this leaves none for requests. */
    public static final int MIN_MAX_THREADS = 16;

    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (writeRateLimit == null) {
            throw new IllegalArgumentException("writeRateLimit is required (WriteRateLimit.off() for none)");
        }
        if (maxThreads < MIN_MAX_THREADS) {
            throw new IllegalArgumentException("maxThreads must be at least " + MIN_MAX_THREADS);
        }
        if (admission == null) {
            throw new IllegalArgumentException("admission is required (AdmissionSettings.unlimited() for none)");
        }
    }

    /** Without admission limits. */
    public HttpSettings(int port, long maxBodyBytes, WriteRateLimit writeRateLimit, int maxThreads) {
        this(port, maxBodyBytes, writeRateLimit, maxThreads, AdmissionSettings.unlimited());
    }

    /** Without a write rate limit, with Jetty's default thread count. */
    public HttpSettings(int port, long maxBodyBytes) {
        this(port, maxBodyBytes, WriteRateLimit.off(), DEFAULT_MAX_THREADS);
    }
}

package org.fitsync.app.config;

import java.time.Duration;
import org.fitsync.adapter.http.admission.AdmissionSettings;

/**
 * Admission control (docs/adr/0024): how many requests of each class a node serves at once
 * ({@code FITSYNC_ADMISSION_PULLS}, {@code _PULL_QUERIES}, {@code _READS}, {@code _WRITES},
 * {@code _EVENT_STREAMS}), how long a request waits for a place ({@code FITSYNC_ADMISSION_WAIT}) and the
 * {@code Retry-After} of a refusal ({@code FITSYNC_ADMISSION_RETRY_AFTER}).
 *
 * <p>The defaults share the HTTP threads out: a quarter each to pulls, other reads and writes, the
 * rest to health checks, metrics and Jetty itself, so that no class can take every thread. Event
 * streams (sync change events and import progress) hold no thread while idle; 10,000 of them are
 * allowed by default (about their memory, see docs/operations.md). Pulls read the database at most half the connection pool at a time, so the
 * other classes always find connections.
 */
public record AdmissionConfig(
        int pulls, int pullQueries, int reads, int writes, int events, Duration maxWait, Duration retryAfter) {

    static final int DEFAULT_EVENT_STREAMS = 10_000;

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

    private static final int MAX_LIMIT = 100_000;

    static AdmissionConfig from(Environment env, ServerConfig server, DatabaseConfig database) {
        int share = Math.max(1, server.httpThreads() / 4);
        int pulls = env.integer("FITSYNC_ADMISSION_PULLS", share, 1, MAX_LIMIT);
        int pullQueries =
                env.integer("FITSYNC_ADMISSION_PULL_QUERIES", Math.max(1, database.poolSize() / 2), 1, MAX_LIMIT);
        int reads = env.integer("FITSYNC_ADMISSION_READS", share, 1, MAX_LIMIT);
        int writes = env.integer("FITSYNC_ADMISSION_WRITES", share, 1, MAX_LIMIT);
        int events = env.integer("FITSYNC_ADMISSION_EVENT_STREAMS", DEFAULT_EVENT_STREAMS, 1, MAX_LIMIT);
        Duration wait = env.duration("FITSYNC_ADMISSION_WAIT", DEFAULT_WAIT);
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw new ConfigException(
                    "FITSYNC_ADMISSION_WAIT", "must be at most 10s: a longer wait is the stall it prevents");
        }
        Duration retryAfter = env.duration("FITSYNC_ADMISSION_RETRY_AFTER", DEFAULT_RETRY_AFTER);
        if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0 || retryAfter.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("FITSYNC_ADMISSION_RETRY_AFTER", "must be between 1s and 1h");
        }
        return new AdmissionConfig(pulls, pullQueries, reads, writes, events, wait, retryAfter);
    }

    public AdmissionSettings settings() {
        return new AdmissionSettings(pulls, pullQueries, reads, writes, events, maxWait, retryAfter);
    }
}

package org.fitsync.adapter.http.admission;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests of each class a node serves at once, how long a request may wait for its turn,
 * and the {@code Retry-After} of a refusal.
 *
 * @param pulls       pulls in flight, from their database read to the last byte sent to the client
 * @param pullQueries pulls reading the database at once: less than the connection pool, so pulls
 *                    always leave connections to the other classes
 * @param reads       other reads in flight
 * @param writes      writes in flight
 * @param events      open event streams, sync change events and import progress (asynchronous: no
 *                    thread while idle)
 * @param maxWait     how long a request waits for a free place before it is refused
 * @param retryAfter  what a refused request is told to wait before trying again
 */
public record AdmissionSettings(
        int pulls, int pullQueries, int reads, int writes, int events, Duration maxWait, Duration retryAfter) {

    public AdmissionSettings {
        if (pulls < 1 || pullQueries < 1 || reads < 1 || writes < 1 || events < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
        if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("retryAfter must be at least 1 s");
        }
    }

    /** No limits: for embedders and tests that do not choose. */
    public static AdmissionSettings unlimited() {
        int none = Integer.MAX_VALUE;
        return new AdmissionSettings(none, none, none, none, none, Duration.ZERO, Duration.ofSeconds(1));
    }

    public int limit(RequestClass requestClass) {
        return switch (requestClass) {
            case PULL -> pulls;
            case READ -> reads;
            case WRITE -> writes;
            case EVENTS -> events;
        };
    }

    /** {@code Retry-After} in whole seconds, rounded up. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }
}

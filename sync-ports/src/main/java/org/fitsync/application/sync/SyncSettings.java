package org.fitsync.application.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's limits for sync: clock skew accepted on pushes and how long tombstones live.
 *
 * @param maxClockSkew       how far ahead of server time a client's {@code updated_at} may be
 * @param tombstoneRetention how long tombstones are kept before a push purges them
 */
public record SyncSettings(Duration maxClockSkew, Duration tombstoneRetention) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    public SyncSettings {
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
        if (maxClockSkew.isNegative() || tombstoneRetention.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }
}

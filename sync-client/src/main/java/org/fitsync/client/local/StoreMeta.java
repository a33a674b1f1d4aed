package org.fitsync.client.local;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store remembers about its syncs.
 *
 * @param lastPulledAt the server's {@code timestamp} of the last completed pull page; {@code 0} before the first
 * @param schemaVersion the schema version the last pull was made with; a newer schema pulls with a migration
 * @param lastSyncedAt when a sync last completed
 * @param lastPullMark the mark of the last pull that wrote records
 */
public record StoreMeta(long lastPulledAt, int schemaVersion, Optional<Instant> lastSyncedAt, long lastPullMark) {

    public StoreMeta {
        if (lastPulledAt < 0) {
            throw new IllegalArgumentException("lastPulledAt must be >= 0");
        }
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
    }

    public static StoreMeta fresh(int schemaVersion) {
        return new StoreMeta(0, schemaVersion, Optional.empty(), 0);
    }

    public StoreMeta pulledTo(long timestamp, int version) {
        return new StoreMeta(timestamp, version, lastSyncedAt, lastPullMark);
    }

    public StoreMeta syncedAt(Instant when) {
        return new StoreMeta(lastPulledAt, schemaVersion, Optional.of(when), lastPullMark);
    }

    public StoreMeta withPullMark(long mark) {
        return new StoreMeta(lastPulledAt, schemaVersion, lastSyncedAt, mark);
    }
}

package org.fitsync.client.remote;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.client.SchemaMigration;

/** {@code GET /api/v1/sync}'s parameters; {@code lastPulledAt} 0 is a first sync. */
public record PullRequest(long lastPulledAt, int schemaVersion, Optional<SchemaMigration> migration, int limit) {

    public PullRequest {
        Objects.requireNonNull(migration, "migration");
        if (lastPulledAt < 0 || limit < 1) {
            throw new IllegalArgumentException("lastPulledAt >= 0 and limit >= 1");
        }
    }
}

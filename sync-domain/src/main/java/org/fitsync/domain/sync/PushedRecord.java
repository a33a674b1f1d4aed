package org.fitsync.domain.sync;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as a client pushed it, sanitised: only the writable declared columns it sent, its
 * {@code created_at} if valid, and its {@code updated_at} after the clock clamp.
 * {@code serverTimed} tells that the server supplied {@code updated_at} (missing or clamped).
 */
public record PushedRecord(
        RecordId id, Map<String, Value> sentFields, Optional<Long> createdAt, long updatedAt, boolean serverTimed) {

    public PushedRecord {
        Objects.requireNonNull(id, "id");
        sentFields = Map.copyOf(sentFields);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

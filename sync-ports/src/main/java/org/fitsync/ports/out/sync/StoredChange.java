package org.fitsync.ports.out.sync;

import java.util.Objects;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.RecordId;

/**
 * One change as a pull delivers it. {@code json} is the record in its wire form (a JSON object of
 * {@code id}, the declared columns, {@code created_at}, {@code updated_at}), already rendered by the
 * store so that large pulls stream without re-encoding; it is empty for a tombstone.
 */
public record StoredChange(String collection, RecordId id, ChangePosition position, boolean deleted, String json) {

    public StoredChange {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(json, "json");
    }
}

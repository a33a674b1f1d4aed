package org.fitsync.client.remote;

import java.util.Map;
import java.util.Objects;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/** A record as the sync protocol carries it: id, column values and the two timestamps (epoch ms). */
public record WireRecord(RecordId id, Map<String, Value> values, long createdAt, long updatedAt) {

    public WireRecord {
        Objects.requireNonNull(id, "id");
        values = Map.copyOf(values);
    }
}

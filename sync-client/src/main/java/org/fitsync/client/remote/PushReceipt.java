package org.fitsync.client.remote;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.domain.sync.RecordId;

/** The server's answer to a push: records it refused by collection, and the conflicts it resolved. */
public record PushReceipt(long timestamp, Map<String, Set<RecordId>> rejected, List<PushConflict> conflicts) {

    public PushReceipt {
        rejected = Map.copyOf(rejected);
        conflicts = List.copyOf(conflicts);
    }

    public boolean isRejected(String collection, RecordId id) {
        Set<RecordId> ids = rejected.get(collection);
        return ids != null && ids.contains(id);
    }

    /** A conflict the server settled by its collection's rule; {@code winner} is {@code server} or {@code client}. */
    public record PushConflict(String collection, RecordId id, String winner) {}
}

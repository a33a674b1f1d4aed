package org.fitsync.client.remote;

import java.util.List;
import org.fitsync.domain.sync.RecordId;

/** One collection's part of a push. */
public record CollectionChanges(List<WireRecord> created, List<WireRecord> updated, List<RecordId> deleted) {

    public CollectionChanges {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    public int size() {
        return created.size() + updated.size() + deleted.size();
    }
}

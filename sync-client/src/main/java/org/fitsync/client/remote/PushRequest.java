package org.fitsync.client.remote;

import java.util.Map;

/** {@code POST /api/v1/sync}'s body: the changes by collection and the cursor of the client's last pull. */
public record PushRequest(long lastPulledAt, Map<String, CollectionChanges> changes) {

    public PushRequest {
        changes = Map.copyOf(changes);
    }
}

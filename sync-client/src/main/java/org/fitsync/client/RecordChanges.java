package org.fitsync.client;

import java.util.Set;

/** Records of these collections changed, by the app itself or by a pull from the server. */
public record RecordChanges(Set<String> collections, Origin origin) {

    public enum Origin {
        LOCAL,
        SERVER
    }

    public RecordChanges {
        collections = Set.copyOf(collections);
    }
}

package org.fitsync.application.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fitsync.domain.sync.Collection;
import org.fitsync.ports.out.sync.SyncRecordStore;

/**
 * Which store holds which collection: a dedicated store for collections the server computes on
 * (e.g. runs), the generic store for every other.
 */
public final class CollectionStores {

    private final SyncRecordStore generic;
    private final Map<String, SyncRecordStore> dedicated;

    public CollectionStores(SyncRecordStore generic, Map<String, SyncRecordStore> dedicated) {
        this.generic = Objects.requireNonNull(generic, "generic");
        this.dedicated = Map.copyOf(dedicated);
    }

    public static CollectionStores allGeneric(SyncRecordStore generic) {
        return new CollectionStores(generic, Map.of());
    }

    public SyncRecordStore storeFor(String collection) {
        return dedicated.getOrDefault(collection, generic);
    }

    /** The collections grouped by their store, each group in the given order. */
    public Map<SyncRecordStore, List<Collection>> byStore(List<Collection> collections) {
        Map<SyncRecordStore, List<Collection>> groups = new LinkedHashMap<>();
        for (Collection collection : collections) {
            groups.computeIfAbsent(storeFor(collection.name()), s -> new ArrayList<>())
                    .add(collection);
        }
        return groups;
    }

    public List<SyncRecordStore> all() {
        List<SyncRecordStore> stores = new ArrayList<>();
        stores.add(generic);
        dedicated.values().stream().distinct().filter(s -> s != generic).forEach(stores::add);
        return stores;
    }
}

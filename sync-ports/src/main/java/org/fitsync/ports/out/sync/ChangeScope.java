package org.fitsync.ports.out.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;

/**
 * Which stored changes a pull wants from a store: those of {@code collections} at or after
 * {@code from}, only live ones when {@code liveOnly}; and for a migration pull, besides them, every
 * live record of {@code wholeCollections} and every live record with a non-null value in one of
 * {@code nonNullColumns} (collection name to column names).
 */
public record ChangeScope(
        List<Collection> collections,
        ChangePosition from,
        boolean liveOnly,
        Set<String> wholeCollections,
        Map<String, Set<String>> nonNullColumns) {

    public ChangeScope {
        collections = List.copyOf(collections);
        wholeCollections = Set.copyOf(wholeCollections);
        nonNullColumns = Map.copyOf(nonNullColumns);
    }

    public static ChangeScope since(List<Collection> collections, ChangePosition from, boolean liveOnly) {
        return new ChangeScope(collections, from, liveOnly, Set.of(), Map.of());
    }

    public ChangeScope only(List<Collection> subset) {
        return new ChangeScope(subset, from, liveOnly, wholeCollections, nonNullColumns);
    }
}

package org.fitsync.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.CollectionRegistry;

/**
 * The collections this app syncs, at a schema version, with each version's additions. The collections
 * are the server's own definitions ({@link CollectionRegistry#defaults()} plus the deployment's).
 */
public final class ClientSchema {

    /** What one version added; version {@code toVersion} was reached from {@code toVersion - 1}. */
    public record Step(int toVersion, List<String> createdTables, Map<String, List<String>> addedColumns) {
        public Step {
            createdTables = List.copyOf(createdTables);
            addedColumns = Map.copyOf(addedColumns);
        }
    }

    private final int version;
    private final CollectionRegistry collections;
    private final List<Step> steps;

    private ClientSchema(int version, CollectionRegistry collections, List<Step> steps) {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
        this.version = version;
        this.collections = Objects.requireNonNull(collections, "collections");
        this.steps = List.copyOf(steps);
        for (Step step : steps) {
            if (step.toVersion() < 2 || step.toVersion() > version) {
                throw new IllegalArgumentException("a step must reach a version in 2.." + version);
            }
        }
    }

    public static ClientSchema of(int version, CollectionRegistry collections) {
        return new ClientSchema(version, collections, List.of());
    }

    /** This schema with one more version's additions. */
    public ClientSchema withStep(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new ClientSchema(Math.max(version, step.toVersion()), collections, next);
    }

    public int version() {
        return version;
    }

    public CollectionRegistry collections() {
        return collections;
    }

    public Collection collection(String name) {
        return collections
                .find(name)
                .orElseThrow(() -> new IllegalArgumentException("not a synced collection: " + name));
    }

    /** The migration to pull with, for a store last synced at {@code storedVersion}. */
    public Optional<SchemaMigration> migrationFrom(int storedVersion) {
        if (storedVersion >= version) {
            return Optional.empty();
        }
        Set<String> tables = new LinkedHashSet<>();
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        for (Step step : steps) {
            if (step.toVersion() > storedVersion) {
                tables.addAll(step.createdTables());
                step.addedColumns()
                        .forEach((table, added) -> columns.computeIfAbsent(table, t -> new LinkedHashSet<>())
                                .addAll(added));
            }
        }
        Map<String, List<String>> columnLists = new LinkedHashMap<>();
        columns.forEach((table, added) -> {
            if (!tables.contains(table)) {
                columnLists.put(table, List.copyOf(added));
            }
        });
        return Optional.of(new SchemaMigration(storedVersion, List.copyOf(tables), columnLists));
    }
}

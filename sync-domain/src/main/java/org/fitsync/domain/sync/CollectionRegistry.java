package org.fitsync.domain.sync;

import static org.fitsync.domain.sync.Column.bool;
import static org.fitsync.domain.sync.Column.number;
import static org.fitsync.domain.sync.Column.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collections a FitSync server syncs. Immutable; {@link #with} returns a new registry, which is
 * how embedders add their own collections in code.
 */
public final class CollectionRegistry {

    private final Map<String, Collection> collections;

    private CollectionRegistry(Map<String, Collection> collections) {
        this.collections = Map.copyOf(collections);
    }

    public static CollectionRegistry empty() {
        return new CollectionRegistry(Map.of());
    }

    /** docs/api.md's "Collections" table. */
    public static CollectionRegistry defaults() {
        return empty()
                // Runs are the server's (created by the runs API, computed from tracks) except the
                // user's notes and metadata, which are client_wins.
                .with(Collection.of(
                        "runs",
                        ClientOwnedColumns.strategy("notes", "metadata"),
                        number("started_at"),
                        number("ended_at"),
                        number("duration_s"),
                        number("distance_m"),
                        string("source"),
                        string("notes"),
                        string("metadata"),
                        string("polyline").asReadOnly(),
                        number("point_count").asReadOnly(),
                        bool("overlapping").asReadOnly(),
                        string("strava_id").asReadOnly()))
                .with(Collection.of(
                        "workouts",
                        ConflictStrategy.LAST_WRITE_WINS,
                        string("name"),
                        string("notes"),
                        string("template_id"),
                        string("exercises"),
                        number("started_at"),
                        number("ended_at")))
                .with(Collection.of(
                        "workout_templates",
                        ConflictStrategy.LAST_WRITE_WINS,
                        string("name"),
                        string("notes"),
                        string("exercises")))
                .with(Collection.of(
                        "body_measurements",
                        ConflictStrategy.LAST_WRITE_WINS,
                        string("kind"),
                        string("unit"),
                        number("value"),
                        number("measured_at")))
                .with(Collection.of(
                        "progression_states", ConflictStrategy.LAST_WRITE_WINS, string("exercise"), string("state")))
                .with(Collection.of("settings", ConflictStrategy.LAST_WRITE_WINS, string("key"), string("value")))
                .with(Collection.of(
                        "mesocycles",
                        ConflictStrategy.SERVER_WINS,
                        string("name"),
                        string("status"),
                        string("plan"),
                        number("current_week"),
                        number("weeks"),
                        number("started_at")))
                .with(Collection.of(
                        "achievements",
                        ConflictStrategy.LAST_WRITE_WINS,
                        string("kind"),
                        string("data"),
                        number("achieved_at")))
                .with(Collection.of(
                        "personal_records",
                        ConflictStrategy.LAST_WRITE_WINS,
                        string("exercise"),
                        string("metric"),
                        string("workout_id"),
                        number("value"),
                        number("achieved_at")))
                // A day's id is its date. Whatever a client pushes is a person's edit, and manual beats
                // device: a pushed change applies (as the day's manual values) even over device data
                // that arrived after the client's last pull.
                .with(Collection.of(
                        "daily_entries",
                        ConflictStrategy.CLIENT_WINS,
                        string("date").asReadOnly(),
                        number("steps"),
                        number("sleep_min"),
                        number("sleep_quality"),
                        string("notes")));
    }

    /** This registry plus {@code collection}, which replaces a registered one of the same name. */
    public CollectionRegistry with(Collection collection) {
        Map<String, Collection> next = new LinkedHashMap<>(collections);
        next.put(collection.name(), collection);
        return new CollectionRegistry(next);
    }

    public CollectionRegistry withAll(List<Collection> more) {
        CollectionRegistry registry = this;
        for (Collection collection : more) {
            registry = registry.with(collection);
        }
        return registry;
    }

    public Optional<Collection> find(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    /** Every collection, ordered by name so responses and queries are deterministic. */
    public List<Collection> all() {
        return List.copyOf(collections.values().stream()
                .sorted(java.util.Comparator.comparing(Collection::name))
                .collect(java.util.stream.Collectors.toList()));
    }
}

package org.fitsync.harness.crashkill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one user's client intends the server to hold, changed only when the server acknowledged a
 * write: the live sync records per collection, the ids it deleted, the runs it submitted (with the
 * notes it patched) and the runs it deleted. Also its mirror of the server built from incremental
 * pulls (with the cursor it pulled up to), and the highest sync cursor any response carried.
 */
final class ClientLedger {

    static final List<String> COLLECTIONS = List.of("workouts", "body_measurements", "settings", "mesocycles");

    final String user;
    final Map<String, Map<String, Map<String, Object>>> live = new TreeMap<>();
    final Map<String, Set<String>> deleted = new TreeMap<>();
    final Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
    final Set<String> deletedRuns = new HashSet<>();
    final Map<String, Map<String, JsonNode>> mirror = new TreeMap<>();
    private long highestSeen;
    private long pulledUpTo;

    ClientLedger(String user) {
        this.user = user;
        for (String collection : COLLECTIONS) {
            live.put(collection, new LinkedHashMap<>());
            deleted.put(collection, new HashSet<>());
        }
    }

    /**
     * The push's {@code last_pulled_at}: the highest cursor seen. This client is the user's only writer, so
     * it has seen everything up to its own last push (which {@code server_wins} collections compare with).
     */
    long highestSeen() {
        return highestSeen;
    }

    /** Where the next incremental pull starts, so the mirror gets every change exactly once. */
    long pulledUpTo() {
        return pulledUpTo;
    }

    /** Records a cursor the server answered; false if it is below one seen before (it must be monotone). */
    boolean observeCursor(long timestamp) {
        if (timestamp < highestSeen) {
            return false;
        }
        highestSeen = timestamp;
        return true;
    }

    void pulled(long timestamp) {
        pulledUpTo = timestamp;
    }

    void applyPulled(JsonNode changes) {
        changes.properties().forEach(collection -> {
            Map<String, JsonNode> records = mirror.computeIfAbsent(collection.getKey(), c -> new TreeMap<>());
            for (String kind : List.of("created", "updated")) {
                collection
                        .getValue()
                        .path(kind)
                        .forEach(record -> records.put(record.path("id").asText(), record));
            }
            collection.getValue().path("deleted").forEach(id -> records.remove(id.asText()));
        });
    }

    int liveRecords() {
        return live.values().stream().mapToInt(Map::size).sum();
    }
}

package org.fitsync.harness.crashkill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * After the last restart: reads back everything of one user and compares it with the client's ledger.
 * Every acknowledged write must be there exactly once with the intended content, nothing deleted may
 * be there, every run must have its whole track, and the mirror the client built from incremental
 * pulls across all the kills must equal a first sync.
 */
final class Reconciler {

    private static final String FULL_PULL = "/api/v1/sync?schema_version=1&migration=null&last_pulled_at=0";

    private final RetryingClient client;
    private final HarnessStats stats;

    Reconciler(RetryingClient client, HarnessStats stats) {
        this.client = client;
        this.stats = stats;
    }

    /** What one user's reconciliation looked at. */
    record Checked(int records, int deletedRecords, int runs, int deletedRuns, long points) {}

    Checked reconcile(ClientLedger ledger, String token) throws InterruptedException {
        String user = ledger.user;
        JsonNode full = client.parse(client.send("GET", FULL_PULL, token, null));
        if (full.path("timestamp").asLong() < ledger.highestSeen()) {
            stats.finding(user + ": first sync cursor " + full.path("timestamp") + " is below one already seen "
                    + ledger.highestSeen());
        }
        Map<String, Map<String, JsonNode>> server = records(user, full.path("changes"));
        for (String collection : ClientLedger.COLLECTIONS) {
            compareRecords(
                    user,
                    collection,
                    ledger.live.get(collection),
                    ledger.deleted.get(collection),
                    server.getOrDefault(collection, Map.of()));
        }
        Set<String> syncRuns = server.getOrDefault("runs", Map.of()).keySet();
        if (!syncRuns.equals(ledger.runs.keySet())) {
            stats.finding(user + ": runs in sync " + difference(syncRuns, ledger.runs.keySet()));
        }
        compareMirror(user, ledger.mirror, server);
        long points = compareRuns(ledger, token);
        for (String id : ledger.deletedRuns) {
            int status = client.send("GET", "/api/v1/runs/" + id, token, null).status();
            if (status != 404) {
                stats.finding(user + ": deleted run " + id + " answers " + status);
            }
        }
        int deletedRecords =
                ledger.deleted.values().stream().mapToInt(Set::size).sum();
        return new Checked(ledger.liveRecords(), deletedRecords, ledger.runs.size(), ledger.deletedRuns.size(), points);
    }

    private Map<String, Map<String, JsonNode>> records(String user, JsonNode changes) {
        Map<String, Map<String, JsonNode>> server = new TreeMap<>();
        changes.properties().forEach(collection -> {
            Map<String, JsonNode> records = new TreeMap<>();
            for (String kind : List.of("created", "updated")) {
                for (JsonNode record : collection.getValue().path(kind)) {
                    if (records.put(record.path("id").asText(), record) != null) {
                        stats.finding(user + ": " + collection.getKey() + "/"
                                + record.path("id").asText() + " appears twice in one pull");
                    }
                }
            }
            if (collection.getValue().path("deleted").size() > 0) {
                stats.finding(user + ": first sync lists deleted ids in " + collection.getKey());
            }
            server.put(collection.getKey(), records);
        });
        return server;
    }

    private void compareRecords(
            String user,
            String collection,
            Map<String, Map<String, Object>> intended,
            Set<String> deleted,
            Map<String, JsonNode> stored) {
        intended.forEach((id, record) -> {
            JsonNode actual = stored.get(id);
            if (actual == null) {
                stats.finding(user + ": lost " + collection + "/" + id);
                return;
            }
            record.forEach((column, value) -> {
                if (!sameValue(value, actual.path(column))) {
                    stats.finding(user + ": " + collection + "/" + id + " column " + column + " is "
                            + actual.path(column) + ", intended " + value);
                }
            });
        });
        for (String id : stored.keySet()) {
            if (deleted.contains(id)) {
                stats.finding(user + ": deleted " + collection + "/" + id + " is back");
            } else if (!intended.containsKey(id)) {
                stats.finding(user + ": " + collection + "/" + id + " was never written");
            }
        }
    }

    private void compareMirror(
            String user, Map<String, Map<String, JsonNode>> mirror, Map<String, Map<String, JsonNode>> server) {
        Set<String> collections = new TreeSet<>(mirror.keySet());
        collections.addAll(server.keySet());
        for (String collection : collections) {
            Map<String, JsonNode> pulled = mirror.getOrDefault(collection, Map.of());
            Map<String, JsonNode> stored = server.getOrDefault(collection, Map.of());
            if (!pulled.keySet().equals(stored.keySet())) {
                stats.finding(user + ": incremental pulls of " + collection + " differ from a first sync: "
                        + difference(pulled.keySet(), stored.keySet()));
                continue;
            }
            pulled.forEach((id, record) -> {
                if (!sameJson(record, stored.get(id))) {
                    stats.finding(user + ": incremental pulls hold an old " + collection + "/" + id + ": " + record
                            + " vs " + stored.get(id));
                }
            });
        }
    }

    private long compareRuns(ClientLedger ledger, String token) throws InterruptedException {
        String user = ledger.user;
        Map<String, JsonNode> listed = new TreeMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/runs?limit=200&include_overlapping=true"
                    + (cursor == null
                            ? ""
                            : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode page = client.parse(client.send("GET", path, token, null));
            for (JsonNode run : page.path("items")) {
                if (listed.put(run.path("id").asText(), run) != null) {
                    stats.finding(user + ": run " + run.path("id").asText() + " listed twice");
                }
            }
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        if (!listed.keySet().equals(ledger.runs.keySet())) {
            stats.finding(user + ": run history " + difference(listed.keySet(), ledger.runs.keySet()));
        }
        long points = 0;
        for (Map.Entry<String, Map<String, Object>> entry : ledger.runs.entrySet()) {
            JsonNode run = listed.get(entry.getKey());
            if (run != null) {
                compareRun(user, entry.getKey(), entry.getValue(), run);
            }
            points += compareTrack(user, entry.getKey(), entry.getValue(), token);
        }
        return points;
    }

    private void compareRun(String user, String id, Map<String, Object> intended, JsonNode run) {
        List<String> wrong = new ArrayList<>();
        for (String instant : List.of("started_at", "ended_at")) {
            if (!Instant.parse((String) intended.get(instant))
                    .equals(Instant.parse(run.path(instant).asText()))) {
                wrong.add(instant);
            }
        }
        for (String field : List.of("duration_s", "distance_m", "source", "notes")) {
            if (!sameValue(intended.get(field), run.path(field))) {
                wrong.add(field);
            }
        }
        if (!sameJson(client.json().valueToTree(intended.get("metadata")), run.path("metadata"))) {
            wrong.add("metadata");
        }
        if (run.path("point_count").asInt() != ((List<?>) intended.get("track")).size()) {
            wrong.add("point_count");
        }
        if (!wrong.isEmpty()) {
            stats.finding(
                    user + ": run " + id + " differs in " + wrong + ": " + RetryingClient.abbreviate(run.toString()));
        }
    }

    private long compareTrack(String user, String id, Map<String, Object> intended, String token)
            throws InterruptedException {
        RetryingClient.Reply reply = client.send("GET", "/api/v1/runs/" + id + "/track", token, null);
        if (reply.status() != 200) {
            stats.finding(user + ": track of run " + id + " answers " + reply.status());
            return 0;
        }
        JsonNode points = client.parse(reply).path("points");
        List<?> sent = (List<?>) intended.get("track");
        if (points.size() != sent.size()) {
            stats.finding(
                    user + ": track of run " + id + " has " + points.size() + " points, " + sent.size() + " sent");
            return points.size();
        }
        for (int i = 0; i < sent.size(); i++) {
            List<?> point = (List<?>) sent.get(i);
            JsonNode actual = points.get(i);
            for (int j = 0; j < 4; j++) {
                if (!sameValue(point.get(j), actual.path(j))) {
                    stats.finding(user + ": track of run " + id + " point " + i + " is " + actual + ", sent " + point);
                    return points.size();
                }
            }
        }
        return points.size();
    }

    /** A value the client sent against what came back: strings exactly, numbers by value, null as null. */
    static boolean sameValue(Object intended, JsonNode actual) {
        if (intended == null) {
            return actual.isNull() || actual.isMissingNode();
        }
        if (intended instanceof String text) {
            return actual.isTextual() && actual.asText().equals(text);
        }
        if (intended instanceof Number number) {
            return actual.isNumber()
                    && actual.decimalValue().compareTo(new java.math.BigDecimal(number.toString())) == 0;
        }
        if (intended instanceof Boolean flag) {
            return actual.isBoolean() && actual.booleanValue() == flag;
        }
        throw new IllegalArgumentException("unexpected intended value " + intended);
    }

    /** JSON equality with numbers compared by value (5 and 5.0 are the same number). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name) || !sameJson(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String difference(Set<String> actual, Set<String> intended) {
        Set<String> missing = new TreeSet<>(intended);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(intended);
        return "missing " + abbreviate(missing) + ", unexpected " + abbreviate(extra);
    }

    private static String abbreviate(Set<String> ids) {
        List<String> first =
                new ArrayList<>(new HashSet<>(ids)).stream().sorted().limit(5).toList();
        return ids.size() + (ids.isEmpty() ? "" : " " + first + (ids.size() > 5 ? "…" : ""));
    }
}

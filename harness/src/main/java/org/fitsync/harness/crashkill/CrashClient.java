package org.fitsync.harness.crashkill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fitsync.harness.bodies.ClientBodies;

/**
 * One user's device: pushes sync batches (creates, updates, deletes in several collections), submits
 * runs with tracks, patches and deletes runs and pulls incrementally, one request at a time, each sent
 * again until it is acknowledged. Its ledger records what it intends once the server acknowledged it.
 */
final class CrashClient implements Callable<ClientLedger> {

    private static final String SYNC_QUERY = "?schema_version=1&migration=null";
    private static final Instant FIRST_RUN = Instant.parse("2025-03-01T06:00:00Z");
    private static final String[] SOURCES = {"phone", "garmin", "healthkit", "strava", "manual"};

    private final ClientLedger ledger;
    private final String token;
    private final RetryingClient client;
    private final HarnessStats stats;
    private final Random random;
    private final AtomicBoolean stop;
    private long sequence;
    private long lastUpdatedAt;

    CrashClient(String user, String token, RetryingClient client, HarnessStats stats, long seed, AtomicBoolean stop) {
        this.ledger = new ClientLedger(user);
        this.token = token;
        this.client = client;
        this.stats = stats;
        this.random = new Random(seed);
        this.stop = stop;
    }

    @Override
    public ClientLedger call() throws InterruptedException {
        while (!stop.get()) {
            int roll = random.nextInt(100);
            if (roll < 55) {
                push();
            } else if (roll < 80) {
                submitRun();
            } else if (roll < 87) {
                patchRun();
            } else if (roll < 91) {
                deleteRun();
            } else {
                pull();
            }
        }
        pull();
        return ledger;
    }

    private void push() throws InterruptedException {
        long updatedAt = Math.max(System.currentTimeMillis(), lastUpdatedAt + 1);
        lastUpdatedAt = updatedAt;
        Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
        List<Runnable> onAck = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        int size = 1 + random.nextInt(25);
        for (int i = 0; i < size; i++) {
            String collection = ClientLedger.COLLECTIONS.get(random.nextInt(ClientLedger.COLLECTIONS.size()));
            Map<String, List<Object>> lists =
                    changes.computeIfAbsent(collection, c -> ClientBodies.collectionChanges());
            Map<String, Map<String, Object>> live = ledger.live.get(collection);
            List<String> candidates =
                    live.keySet().stream().filter(id -> !touched.contains(id)).toList();
            int roll = random.nextInt(10);
            if (roll < 5 || candidates.isEmpty()) {
                String id = ledger.user + "-" + collection + "-" + ++sequence;
                Map<String, Object> record = record(collection, id, updatedAt, updatedAt);
                lists.get("created").add(record);
                onAck.add(() -> live.put(id, record));
                touched.add(id);
            } else {
                String id = candidates.get(random.nextInt(candidates.size()));
                touched.add(id);
                if (roll < 9) {
                    Map<String, Object> record =
                            record(collection, id, (Long) live.get(id).get("created_at"), updatedAt);
                    lists.get("updated").add(record);
                    onAck.add(() -> live.put(id, record));
                } else {
                    lists.get("deleted").add(id);
                    onAck.add(() -> {
                        live.remove(id);
                        ledger.deleted.get(collection).add(id);
                    });
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", changes);
        body.put("last_pulled_at", ledger.highestSeen() == 0 ? null : ledger.highestSeen());
        RetryingClient.Reply reply = client.send("POST", "/api/v1/sync" + SYNC_QUERY, token, client.write(body));
        if (reply.status() != 200) {
            stats.finding(
                    ledger.user + ": push answered " + reply.status() + ": " + RetryingClient.abbreviate(reply.body()));
            return;
        }
        JsonNode answer = client.parse(reply);
        if (answer.path("experimentalRejectedIds").size() > 0) {
            stats.finding(ledger.user + ": push rejected ids " + answer.path("experimentalRejectedIds"));
        }
        observe("push", answer.path("timestamp").asLong());
        onAck.forEach(Runnable::run);
        stats.pushes.incrementAndGet();
        stats.pushedRecordChanges.addAndGet(size);
    }

    /** A record of declared columns only, with values that need no sanitising, so it must come back as sent. */
    private Map<String, Object> record(String collection, String id, long createdAt, long updatedAt) {
        long n = ++sequence;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        switch (collection) {
            case "workouts" -> {
                r.put("name", "Workout " + n + " – \"legs\" ✓");
                r.put("notes", random.nextBoolean() ? "felt strong; 5x5 @ " + random.nextInt(200) + " kg" : "");
                r.put("template_id", "tpl-" + random.nextInt(5));
                r.put("exercises", "[{\"name\":\"squat\",\"sets\":" + (1 + random.nextInt(8)) + "}]");
                r.put("started_at", updatedAt - 3_600_000L);
                r.put("ended_at", updatedAt - 60_000L);
            }
            case "body_measurements" -> {
                r.put("kind", "weight");
                r.put("unit", "kg");
                r.put("value", Math.round((60 + random.nextDouble() * 40) * 10) / 10.0);
                r.put("measured_at", updatedAt - random.nextInt(86_400_000));
            }
            case "settings" -> {
                r.put("key", "pref." + n);
                r.put("value", random.nextBoolean() ? "metric" : "imperial ünits");
            }
            default -> {
                r.put("name", "Block " + n);
                r.put("status", random.nextBoolean() ? "active" : "planned");
                r.put("plan", "{\"weeks\":[" + random.nextInt(9) + "]}");
                r.put("current_week", 1 + random.nextInt(6));
                r.put("weeks", 6);
                r.put("started_at", updatedAt - 7 * 86_400_000L);
            }
        }
        r.put("created_at", createdAt);
        r.put("updated_at", updatedAt);
        return r;
    }

    private void submitRun() throws InterruptedException {
        Map<String, Object> run = runBody(ledger.runs.size() + ledger.deletedRuns.size());
        String id = (String) run.get("id");
        RetryingClient.Reply reply = client.send("POST", "/api/v1/runs", token, client.write(run));
        boolean expected = reply.status() == 201 || (reply.status() == 200 && reply.attempts() > 1);
        if (!expected) {
            stats.finding(ledger.user + ": run " + id + " answered " + reply.status() + " after " + reply.attempts()
                    + " sends: " + RetryingClient.abbreviate(reply.body()));
            return;
        }
        if (reply.status() == 200) {
            stats.resentAlreadyApplied.incrementAndGet();
        }
        JsonNode answer = client.parse(reply);
        int points = ((List<?>) run.get("track")).size();
        if (!id.equals(answer.path("id").asText()) || answer.path("point_count").asInt() != points) {
            stats.finding(ledger.user + ": run " + id + " acknowledged as " + RetryingClient.abbreviate(reply.body()));
        }
        ledger.runs.put(id, run);
        stats.runsSubmitted.incrementAndGet();
    }

    private Map<String, Object> runBody(int index) {
        Instant start = FIRST_RUN.plusSeconds(7_200L * index);
        int seconds = 1_200 + random.nextInt(2_400);
        int points = 100 + random.nextInt(Math.min(seconds - 100, 2_000)); // 1 Hz, within the run
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("started_at", start.toString());
        body.put("ended_at", start.plusSeconds(seconds).toString());
        body.put("duration_s", seconds - 30);
        body.put("distance_m", Math.round(seconds * 2.9 * 10) / 10.0);
        body.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        body.put("notes", "crash-kill run " + index + " of " + ledger.user);
        body.put("metadata", Map.of("device", "crash-kill", "index", index, "laps", List.of(1, 2, 3)));
        body.put("track", track(start, points));
        return body;
    }

    /** A 1 Hz random walk with 7-decimal coordinates; every 17th fix has no elevation. */
    private List<List<Object>> track(Instant start, int points) {
        double lat = 48.1 + random.nextDouble() * 0.1;
        double lon = 11.5 + random.nextDouble() * 0.1;
        List<List<Object>> track = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            lat += (random.nextDouble() - 0.4) * 2e-5;
            lon += (random.nextDouble() - 0.4) * 3e-5;
            Object elevation = i % 17 == 0 ? null : Math.round((520 + 10 * Math.sin(i / 60.0)) * 10) / 10.0;
            track.add(Arrays.asList(
                    start.toEpochMilli() + 1_000L * i,
                    Math.round(lat * 1e7) / 1e7,
                    Math.round(lon * 1e7) / 1e7,
                    elevation));
        }
        return track;
    }

    private void patchRun() throws InterruptedException {
        if (ledger.runs.isEmpty()) {
            return;
        }
        String id = pickRun();
        String notes = "patched " + ++sequence + " by " + ledger.user;
        RetryingClient.Reply reply =
                client.send("PATCH", "/api/v1/runs/" + id, token, client.write(Map.of("notes", notes)));
        if (reply.status() != 200) {
            stats.finding(ledger.user + ": PATCH run " + id + " answered " + reply.status() + ": "
                    + RetryingClient.abbreviate(reply.body()));
            return;
        }
        ledger.runs.get(id).put("notes", notes);
        stats.runPatches.incrementAndGet();
    }

    private void deleteRun() throws InterruptedException {
        if (ledger.runs.isEmpty()) {
            return;
        }
        String id = pickRun();
        RetryingClient.Reply reply = client.send("DELETE", "/api/v1/runs/" + id, token, null);
        // A resent DELETE whose first send was applied finds the run gone: 404 is the acknowledgement then.
        boolean expected = reply.status() == 204 || (reply.status() == 404 && reply.attempts() > 1);
        if (!expected) {
            stats.finding(ledger.user + ": DELETE run " + id + " answered " + reply.status() + " after "
                    + reply.attempts() + " sends");
            return;
        }
        if (reply.status() == 404) {
            stats.resentAlreadyApplied.incrementAndGet();
        }
        ledger.runs.remove(id);
        ledger.deletedRuns.add(id);
        stats.runDeletes.incrementAndGet();
    }

    private String pickRun() {
        List<String> ids = new ArrayList<>(ledger.runs.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private void pull() throws InterruptedException {
        RetryingClient.Reply reply =
                client.send("GET", "/api/v1/sync" + SYNC_QUERY + "&last_pulled_at=" + ledger.pulledUpTo(), token, null);
        if (reply.status() != 200) {
            stats.finding(
                    ledger.user + ": pull answered " + reply.status() + ": " + RetryingClient.abbreviate(reply.body()));
            return;
        }
        JsonNode answer = client.parse(reply);
        ledger.applyPulled(answer.path("changes"));
        observe("pull", answer.path("timestamp").asLong());
        ledger.pulled(answer.path("timestamp").asLong());
        stats.pulls.incrementAndGet();
    }

    private void observe(String what, long timestamp) {
        long before = ledger.highestSeen();
        if (!ledger.observeCursor(timestamp)) {
            stats.finding(ledger.user + ": sync cursor went backwards on " + what + ": " + before + " -> " + timestamp);
        }
    }
}

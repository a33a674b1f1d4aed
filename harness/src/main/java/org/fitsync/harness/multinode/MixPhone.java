package org.fitsync.harness.multinode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.fitsync.harness.bodies.ClientBodies;
import org.fitsync.harness.load.Operation;
import org.fitsync.harness.load.OperationMix;

/**
 * One user's phone app through the balancer, with the load harness's mix ({@link OperationMix}) and bodies
 * ({@link ClientBodies}): thinks, then pulls, pushes, ingests steps or submits a run, until stopped. Each
 * response is judged against the API's promise and tallied in the phase it started in; acknowledged writes go
 * into the phone's {@link PhoneLedger}, checked against the server at the end.
 */
final class MixPhone implements Runnable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int SEED_WORKOUTS = 10;
    private static final int SETTINGS = 4;

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI base;
    private final String token;
    private final String name;
    private final Random random;
    private final Tally tally;
    private final Supplier<Phase> phase;
    private final int thinkMillis;
    private final PhoneLedger ledger = new PhoneLedger();
    private final List<String> workoutIds = new ArrayList<>();
    private volatile boolean running = true;
    private long cursor;
    private int nextWorkout;
    private int nextWeighIn;
    private int day = 10;
    private Optional<byte[]> lastRun = Optional.empty();

    record Context(HttpClient http, ObjectMapper json, URI base, Tally tally, Supplier<Phase> phase, int thinkMillis) {}

    MixPhone(Context context, int index, String token) {
        this.http = context.http();
        this.json = context.json();
        this.base = context.base();
        this.tally = context.tally();
        this.phase = context.phase();
        this.thinkMillis = context.thinkMillis();
        this.token = token;
        this.name = "p" + index;
        this.random = new Random(104_729L * index + 3);
    }

    PhoneLedger ledger() {
        return ledger;
    }

    String token() {
        return token;
    }

    void stop() {
        running = false;
    }

    /** A small history (workouts and settings) and the first pull, before the load starts. */
    void seed() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
        var workouts = ClientBodies.collectionChanges();
        for (int i = 0; i < SEED_WORKOUTS; i++) {
            workouts.get("created").add(ClientBodies.workout(newWorkoutId(), i, random, now));
        }
        var settings = ClientBodies.collectionChanges();
        for (int i = 0; i < SETTINGS; i++) {
            settings.get("created").add(ClientBodies.setting(i, random, now));
        }
        changes.put("workouts", workouts);
        changes.put("settings", settings);
        HttpResponse<byte[]> pushed = send(post("/api/v1/sync", json.writeValueAsBytes(ClientBodies.push(changes, 0))));
        if (pushed.statusCode() != 200) {
            throw new IllegalStateException("seed push answered " + pushed.statusCode());
        }
        workoutIds.forEach(ledger::acknowledgedWorkout);
        HttpResponse<byte[]> pulled = send(pull(0));
        if (pulled.statusCode() != 200) {
            throw new IllegalStateException("seed pull answered " + pulled.statusCode());
        }
        cursor = json.readTree(pulled.body()).path("timestamp").asLong();
    }

    @Override
    public void run() {
        try {
            Thread.sleep((long) (random.nextDouble() * thinkMillis));
            while (running) {
                Thread.sleep((long) (Math.min(-Math.log(1 - random.nextDouble()), 5) * thinkMillis));
                if (running) {
                    perform(OperationMix.pick(random));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void perform(Operation operation) throws InterruptedException {
        Phase started = phase.get();
        Call call;
        try {
            call = prepare(operation);
        } catch (IOException e) {
            throw new IllegalStateException("could not build a " + operation.label() + " request", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = send(call.request());
        } catch (IOException e) {
            call.unacknowledged().run();
            if (started == Phase.IMPORT_KILL || phase.get() == Phase.IMPORT_KILL) {
                // HAProxy had it on the node that was killed: cut off like a 502, never acknowledged.
                tally.cutOff(Phase.IMPORT_KILL);
                return;
            }
            tally.failed(
                    started, operation.label() + ": " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            return;
        }
        int status = response.statusCode();
        // A request in flight when a phase began (PostgreSQL stopping, a node killed) belongs to that phase too.
        Phase ended = phase.get();
        if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            call.unacknowledged().run();
            if (started == Phase.POSTGRES_RESTART || ended == Phase.POSTGRES_RESTART) {
                tally.unavailable(Phase.POSTGRES_RESTART);
            } else {
                tally.failed(started, operation.label() + ": 503", body(response));
            }
            return;
        }
        if (status == 502 && (started == Phase.IMPORT_KILL || ended == Phase.IMPORT_KILL)) {
            call.unacknowledged().run();
            tally.cutOff(Phase.IMPORT_KILL);
            return;
        }
        Optional<String> problem = call.check().apply(response);
        if (problem.isPresent()) {
            call.unacknowledged().run();
            tally.failed(started, operation.label() + ": " + problem.get(), body(response));
        } else {
            tally.ok(started);
        }
    }

    /** A request, how to judge (and on success record) its response, and what to forget if it is not acknowledged. */
    private record Call(
            HttpRequest request,
            java.util.function.Function<HttpResponse<byte[]>, Optional<String>> check,
            Runnable unacknowledged) {}

    private Call prepare(Operation operation) throws IOException {
        return switch (operation) {
            case SYNC_PULL -> new Call(pull(cursor), r -> pulled(r, true), () -> {});
            case SYNC_PULL_FIRST -> new Call(pull(0), r -> pulled(r, false), () -> {});
            case SYNC_PUSH -> push();
            case STEPS_INGEST ->
                new Call(
                        post("/api/v1/ingest/steps", json.writeValueAsBytes(ClientBodies.steps(day - 1, day, random))),
                        this::ingested,
                        () -> {});
            case RUN_SUBMIT -> runSubmit();
        };
    }

    private Optional<String> pulled(HttpResponse<byte[]> response, boolean advance) {
        if (response.statusCode() != 200) {
            return Optional.of(Integer.toString(response.statusCode()));
        }
        JsonNode body = readJson(response);
        long timestamp = body.path("timestamp").asLong();
        if (timestamp <= 0 || !body.path("changes").isObject()) {
            return Optional.of("200 without changes and a positive timestamp");
        }
        if (advance) {
            cursor = timestamp;
        }
        return Optional.empty();
    }

    private Optional<String> ingested(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return Optional.of(Integer.toString(response.statusCode()));
        }
        for (JsonNode result : readJson(response).path("results")) {
            if (!"stored".equals(result.path("status").asText())) {
                return Optional.of("200 with an item not stored");
            }
        }
        return Optional.empty();
    }

    /** One to four changes: new or edited workouts, settings, weigh-ins, now and then a deletion. */
    private Call push() throws IOException {
        long now = System.currentTimeMillis();
        Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
        List<String> workoutsWritten = new ArrayList<>();
        List<String> weighInsWritten = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            if (roll < 40) {
                String id = newWorkoutId();
                workoutsWritten.add(id);
                add(changes, "workouts", "created", ClientBodies.workout(id, day, random, now));
            } else if (roll < 65 && !workoutIds.isEmpty()) {
                String id = workoutIds.get(random.nextInt(workoutIds.size()));
                if (!workoutsWritten.contains(id)) {
                    workoutsWritten.add(id);
                    add(changes, "workouts", "updated", ClientBodies.workout(id, day, random, now));
                }
            } else if (roll < 85) {
                add(changes, "settings", "updated", ClientBodies.setting(random.nextInt(SETTINGS), random, now));
            } else if (roll < 95) {
                String id = name + "-m" + nextWeighIn++;
                weighInsWritten.add(id);
                add(changes, "body_measurements", "created", ClientBodies.weighIn(id, day, random, now));
            } else if (workoutIds.size() > 5) {
                String id = workoutIds.get(0);
                if (!workoutsWritten.contains(id)) {
                    workoutIds.remove(0);
                    deleted.add(id);
                    add(changes, "workouts", "deleted", id);
                }
            }
        }
        byte[] body = json.writeValueAsBytes(ClientBodies.push(changes, cursor));
        return new Call(
                post("/api/v1/sync", body),
                response -> {
                    if (response.statusCode() != 200) {
                        return Optional.of(Integer.toString(response.statusCode()));
                    }
                    if (readJson(response).path("timestamp").asLong() <= 0) {
                        return Optional.of("200 without a timestamp");
                    }
                    workoutsWritten.forEach(ledger::acknowledgedWorkout);
                    weighInsWritten.forEach(id -> {
                        if (!ledger.uncertain.contains(id)) {
                            ledger.weighIns.add(id);
                        }
                    });
                    deleted.forEach(ledger::acknowledgedDeletion);
                    return Optional.empty();
                },
                () -> {
                    workoutsWritten.forEach(ledger::unacknowledged);
                    weighInsWritten.forEach(ledger::unacknowledged);
                    deleted.forEach(ledger::unacknowledged);
                });
    }

    /** A new run (201), or one time in ten the last acknowledged run again, as after a lost response (200). */
    private Call runSubmit() throws IOException {
        boolean resend = lastRun.isPresent() && random.nextInt(10) == 0;
        UUID id = UUID.randomUUID();
        byte[] body = resend ? lastRun.get() : json.writeValueAsBytes(ClientBodies.run(id, day++, random));
        int expected = resend ? 200 : 201;
        return new Call(
                post("/api/v1/runs", body),
                response -> {
                    if (response.statusCode() != expected) {
                        return Optional.of(response.statusCode() + (resend ? " (re-sent run)" : ""));
                    }
                    if (!resend) {
                        lastRun = Optional.of(body);
                        if (!ledger.uncertain.contains(id.toString())) {
                            ledger.runs.add(id.toString());
                        }
                    }
                    return Optional.empty();
                },
                () -> {
                    if (!resend) {
                        ledger.unacknowledged(id.toString());
                    }
                });
    }

    private static void add(Map<String, Map<String, List<Object>>> changes, String table, String kind, Object record) {
        changes.computeIfAbsent(table, t -> ClientBodies.collectionChanges())
                .get(kind)
                .add(record);
    }

    private String newWorkoutId() {
        String id = name + "-w" + nextWorkout++;
        workoutIds.add(id);
        return id;
    }

    HttpRequest pull(long since) {
        String query =
                "?last_pulled_at=" + (since == 0 ? "null" : Long.toString(since)) + "&schema_version=1&migration=null";
        return authorized("/api/v1/sync" + query).GET().build();
    }

    private HttpRequest post(String path, byte[] body) {
        return authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode readJson(HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** A failure's body for the report: problem documents only (they carry no record content), else its size. */
    private static String body(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        return type.startsWith("application/problem+json")
                ? new String(response.body(), StandardCharsets.UTF_8)
                : "(" + response.body().length + " bytes of " + (type.isEmpty() ? "no type" : type) + ")";
    }
}

package org.fitsync.harness.load;

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
import org.fitsync.harness.bodies.ClientBodies;

/**
 * One user's phone app: seeds a history, then until the deadline thinks (exponentially
 * distributed pauses) and performs an operation drawn from {@link OperationMix}. Every response is
 * checked against what the API promises for that request; anything else is a recorded failure.
 */
final class SimulatedClient implements Runnable {

    /** Days of history seeded before the load starts; load-time days follow. */
    static final int HISTORY_DAYS = 90;

    private static final int SEED_WORKOUTS = 40;
    private static final int SEED_RUNS = 2;
    private static final int SETTINGS = 12;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI base;
    private final String token;
    private final String name;
    private final Random random;
    private final Recorder recorder;
    private final int thinkMillis;
    private long measureFromNanos;
    private long stopAtNanos;

    private final List<String> workoutIds = new ArrayList<>();
    private long cursor;
    private int nextWorkout;
    private int nextWeighIn;
    private int nextRunDay = HISTORY_DAYS;
    private Optional<byte[]> lastRun = Optional.empty();

    SimulatedClient(Context context, int index, String token) {
        this.http = context.http();
        this.json = context.json();
        this.base = context.base();
        this.recorder = context.recorder();
        this.thinkMillis = context.thinkMillis();
        this.token = token;
        this.name = "c" + index;
        this.random = new Random(7919L * index + 1);
    }

    /** What all clients share. */
    record Context(HttpClient http, ObjectMapper json, URI base, Recorder recorder, int thinkMillis) {}

    /** Sets the load window (before {@link #run()} starts on its thread): operations starting from
     * {@code measureFromNanos} are recorded, none starts at or after {@code stopAtNanos}. */
    SimulatedClient window(long measureFromNanos, long stopAtNanos) {
        this.measureFromNanos = measureFromNanos;
        this.stopAtNanos = stopAtNanos;
        return this;
    }

    /** The user's past: workouts, templates, settings and weigh-ins, 90 days of steps, two runs; then the first pull. */
    void seed() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
        var workouts = ClientBodies.collectionChanges();
        for (int i = 0; i < SEED_WORKOUTS; i++) {
            workouts.get("created").add(ClientBodies.workout(newWorkoutId(), i * 2, random, now));
        }
        var templates = ClientBodies.collectionChanges();
        for (int i = 0; i < 5; i++) {
            templates.get("created").add(ClientBodies.template("template-" + i, random, now));
        }
        var settings = ClientBodies.collectionChanges();
        for (int i = 0; i < SETTINGS; i++) {
            settings.get("created").add(ClientBodies.setting(i, random, now));
        }
        var measurements = ClientBodies.collectionChanges();
        for (int day = 0; day < HISTORY_DAYS; day += 3) {
            measurements.get("created").add(ClientBodies.weighIn(newWeighInId(), day, random, now));
        }
        changes.put("workouts", workouts);
        changes.put("workout_templates", templates);
        changes.put("settings", settings);
        changes.put("body_measurements", measurements);
        expect(post("/api/v1/sync", ClientBodies.push(changes, 0)), 200, "seed push");
        expect(post("/api/v1/ingest/steps", ClientBodies.steps(0, HISTORY_DAYS - 1, random)), 200, "seed steps");
        for (int r = 0; r < SEED_RUNS; r++) {
            int day = HISTORY_DAYS - 10 + 4 * r;
            expect(post("/api/v1/runs", ClientBodies.run(UUID.randomUUID(), day, random)), 201, "seed run");
        }
        HttpResponse<byte[]> pulled = send(pullRequest(0));
        expect(pulled, 200, "seed pull");
        cursor = json.readTree(pulled.body()).path("timestamp").asLong();
    }

    @Override
    public void run() {
        // Clients start spread over one think time rather than all at once.
        if (!sleepUntil(System.nanoTime() + (long) (random.nextDouble() * thinkMillis * 1e6))) {
            return;
        }
        while (true) {
            long pause = (long) (Math.min(-Math.log(1 - random.nextDouble()), 5) * thinkMillis * 1e6);
            if (!sleepUntil(System.nanoTime() + pause)) {
                return;
            }
            perform(OperationMix.pick(random));
        }
    }

    private boolean sleepUntil(long wakeNanos) {
        long wait = Math.min(wakeNanos, stopAtNanos) - System.nanoTime();
        try {
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return System.nanoTime() < stopAtNanos;
    }

    private void perform(Operation operation) {
        Call call;
        try {
            call = prepare(operation);
        } catch (IOException e) {
            throw new IllegalStateException("could not build a " + operation.label() + " request", e);
        }
        long start = System.nanoTime();
        boolean measured = start >= measureFromNanos;
        try {
            HttpResponse<byte[]> response = http.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            Optional<String> problem = call.check().problem(response);
            if (problem.isPresent()) {
                if (measured) {
                    recorder.failure(
                            operation, nanos, problem.get(), new String(response.body(), StandardCharsets.UTF_8));
                }
            } else if (measured) {
                recorder.success(operation, nanos);
            }
        } catch (IOException e) {
            if (measured) {
                recorder.failure(
                        operation,
                        System.nanoTime() - start,
                        e.getClass().getSimpleName(),
                        String.valueOf(e.getMessage()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request and how to judge its response. */
    private record Call(HttpRequest request, Check check) {}

    @FunctionalInterface
    private interface Check {
        /** Why the response breaks the contract, if it does. */
        Optional<String> problem(HttpResponse<byte[]> response);
    }

    private Call prepare(Operation operation) throws IOException {
        return switch (operation) {
            case SYNC_PULL -> new Call(pullRequest(cursor), response -> pulled(response, true));
            case SYNC_PULL_FIRST -> new Call(pullRequest(0), response -> pulled(response, false));
            case SYNC_PUSH -> new Call(postRequest("/api/v1/sync", json.writeValueAsBytes(smallPush())), this::pushed);
            case STEPS_INGEST ->
                new Call(
                        postRequest(
                                "/api/v1/ingest/steps",
                                json.writeValueAsBytes(ClientBodies.steps(nextRunDay - 1, nextRunDay, random))),
                        this::ingested);
            case RUN_SUBMIT -> runSubmit();
        };
    }

    private Optional<String> pulled(HttpResponse<byte[]> response, boolean advanceCursor) {
        if (response.statusCode() != 200) {
            return Optional.of(Integer.toString(response.statusCode()));
        }
        JsonNode body = readJson(response);
        long timestamp = body.path("timestamp").asLong();
        if (timestamp <= 0
                || !body.path("changes").isObject()
                || body.path("has_more").asBoolean()) {
            return Optional.of("200 without changes, a positive timestamp and has_more false");
        }
        if (advanceCursor) {
            cursor = timestamp;
        }
        return Optional.empty();
    }

    private Optional<String> pushed(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return Optional.of(Integer.toString(response.statusCode()));
        }
        return readJson(response).path("timestamp").asLong() > 0
                ? Optional.empty()
                : Optional.of("200 without a timestamp");
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

    /** A new run (201), or one time in ten the previous run again, as after a lost response (200). */
    private Call runSubmit() throws IOException {
        boolean resend = lastRun.isPresent() && random.nextInt(10) == 0;
        byte[] body = resend
                ? lastRun.get()
                : json.writeValueAsBytes(ClientBodies.run(UUID.randomUUID(), nextRunDay++, random));
        lastRun = Optional.of(body);
        int expected = resend ? 200 : 201;
        return new Call(
                postRequest("/api/v1/runs", body),
                response -> response.statusCode() == expected
                        ? Optional.empty()
                        : Optional.of(response.statusCode() + (resend ? " (re-sent run)" : "")));
    }

    /** One to four changes: mostly a new or edited workout or a setting, sometimes a weigh-in or a deletion. */
    private Map<String, Object> smallPush() {
        long now = System.currentTimeMillis();
        Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            if (roll < 40) {
                add(changes, "workouts", "created", ClientBodies.workout(newWorkoutId(), nextRunDay, random, now));
            } else if (roll < 65) {
                String id = workoutIds.get(random.nextInt(workoutIds.size()));
                add(changes, "workouts", "updated", ClientBodies.workout(id, nextRunDay, random, now));
            } else if (roll < 85) {
                add(changes, "settings", "updated", ClientBodies.setting(random.nextInt(SETTINGS), random, now));
            } else if (roll < 95) {
                add(
                        changes,
                        "body_measurements",
                        "created",
                        ClientBodies.weighIn(newWeighInId(), nextRunDay, random, now));
            } else if (workoutIds.size() > 10) {
                add(changes, "workouts", "deleted", workoutIds.remove(0));
            }
        }
        return ClientBodies.push(changes, cursor);
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

    private String newWeighInId() {
        return name + "-m" + nextWeighIn++;
    }

    private HttpRequest pullRequest(long since) {
        String query =
                "?last_pulled_at=" + (since == 0 ? "null" : Long.toString(since)) + "&schema_version=1&migration=null";
        return authorized("/api/v1/sync" + query).GET().build();
    }

    private HttpRequest postRequest(String path, byte[] body) {
        return authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> post(String path, Object body) throws IOException, InterruptedException {
        return send(postRequest(path, json.writeValueAsBytes(body)));
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode readJson(HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}

package org.fitsync.harness.bodies;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Request bodies a fitness phone app sends, as maps for Jackson: sync pushes of workouts,
 * settings and weigh-ins, health-platform step deliveries and recorded runs.
 */
public final class ClientBodies {

    /** The first day of every user's history; day numbers count from it. */
    public static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");

    public static final int TRACK_POINTS = 3600;

    private static final String[] EXERCISES = {"squat", "bench press", "deadlift", "overhead press", "row", "pull-up"};

    private ClientBodies() {}

    /** A push in WatermelonDB's shape; {@code changes} maps collection to its created/updated/deleted lists. */
    public static Map<String, Object> push(Map<String, Map<String, List<Object>>> changes, long lastPulledAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", changes);
        body.put("last_pulled_at", lastPulledAt == 0 ? null : lastPulledAt);
        return body;
    }

    public static Map<String, List<Object>> collectionChanges() {
        Map<String, List<Object>> changes = new LinkedHashMap<>();
        changes.put("created", new ArrayList<>());
        changes.put("updated", new ArrayList<>());
        changes.put("deleted", new ArrayList<>());
        return changes;
    }

    public static Map<String, Object> workout(String id, int day, Random random, long updatedAt) {
        Instant start = dayStart(day).plusSeconds(17 * 3600 + random.nextInt(3600));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("name", "Strength " + (char) ('A' + random.nextInt(3)));
        record.put("notes", random.nextInt(4) == 0 ? "felt strong, added 2.5 kg" : "");
        record.put("template_id", "template-" + random.nextInt(5));
        record.put("exercises", exercisesJson(random));
        record.put("started_at", start.toEpochMilli());
        record.put("ended_at", start.plusSeconds(3000 + random.nextInt(1800)).toEpochMilli());
        record.put("updated_at", updatedAt);
        return record;
    }

    /** The sets of a workout as the JSON text the app keeps in a string column (~0.5–1 KiB). */
    private static String exercisesJson(Random random) {
        StringBuilder json = new StringBuilder("[");
        int exercises = 3 + random.nextInt(3);
        for (int e = 0; e < exercises; e++) {
            json.append(e == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(EXERCISES[random.nextInt(EXERCISES.length)])
                    .append("\",\"sets\":[");
            for (int s = 0; s < 3; s++) {
                json.append(s == 0 ? "" : ",")
                        .append("{\"reps\":")
                        .append(5 + random.nextInt(6))
                        .append(",\"kg\":")
                        .append(20 + 2.5 * random.nextInt(40))
                        .append('}');
            }
            json.append("]}");
        }
        return json.append(']').toString();
    }

    public static Map<String, Object> template(String id, Random random, long updatedAt) {
        return Map.of(
                "id",
                id,
                "name",
                "Template " + id,
                "notes",
                "",
                "exercises",
                exercisesJson(random),
                "updated_at",
                updatedAt);
    }

    public static Map<String, Object> weighIn(String id, int day, Random random, long updatedAt) {
        return Map.of(
                "id",
                id,
                "kind",
                "weight",
                "unit",
                "kg",
                "value",
                Math.round((72 + random.nextGaussian()) * 10) / 10.0,
                "measured_at",
                dayStart(day).plusSeconds(7 * 3600).toEpochMilli(),
                "updated_at",
                updatedAt);
    }

    public static Map<String, Object> setting(int index, Random random, long updatedAt) {
        return Map.of(
                "id",
                "setting-" + index,
                "key",
                "pref." + index,
                "value",
                Integer.toString(random.nextInt(1000)),
                "updated_at",
                updatedAt);
    }

    /** Steps of consecutive days ending with {@code lastDay}, from one health platform. */
    public static Map<String, Object> steps(int firstDay, int lastDay, Random random) {
        List<Object> items = new ArrayList<>();
        for (int day = firstDay; day <= lastDay; day++) {
            items.add(Map.of("date", FIRST_DAY.plusDays(day).toString(), "steps", 2000 + random.nextInt(12000)));
        }
        return Map.of("source", "healthkit", "items", items);
    }

    /** A 1-hour run at 06:00 on {@code day} with a 1 Hz track: a jogger's random walk with GPS jitter. */
    public static Map<String, Object> run(UUID id, int day, Random random) {
        Instant start = dayStart(day).plusSeconds(6 * 3600);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("started_at", start.toString());
        body.put("ended_at", start.plusSeconds(TRACK_POINTS).toString());
        body.put("duration_s", TRACK_POINTS - 60);
        body.put("distance_m", 10_000.0);
        body.put("source", "phone");
        body.put("notes", "morning run");
        body.put("metadata", Map.of("device", "Pixel 9", "app_version", "4.2.1"));
        body.put("track", JoggerTrack.points(random, start, TRACK_POINTS, 7));
        return body;
    }

    public static Instant dayStart(int day) {
        return FIRST_DAY.plusDays(day).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    }
}

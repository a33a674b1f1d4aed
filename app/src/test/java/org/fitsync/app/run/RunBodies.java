package org.fitsync.app.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Run request bodies for HTTP tests, and database look-ups that see past row-level security. */
final class RunBodies {

    static final Instant DAY = Instant.parse("2026-11-20T07:00:00Z");

    private RunBodies() {}

    /** A valid run of {@code minutes} minutes starting {@code startMinute} minutes after {@link #DAY}. */
    static Map<String, Object> run(UUID id, int startMinute, int minutes, String source) {
        Instant start = DAY.plusSeconds(60L * startMinute);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("started_at", start.toString());
        body.put("ended_at", start.plusSeconds(60L * minutes).toString());
        body.put("duration_s", 60 * minutes - 10);
        body.put("distance_m", 150.5 * minutes);
        body.put("source", source);
        body.put("notes", "easy " + minutes + " min");
        body.put("metadata", Map.of("device", "Pixel 9", "laps", List.of(1, 2)));
        body.put("track", track(start, Math.min(minutes * 60, 600)));
        return body;
    }

    /** Metres per degree of latitude on the sphere the server measures on. */
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    /**
     * A run of {@code minutes} at {@code speedMps} due north from {@code start}, a point a second,
     * climbing {@code climbPerSecond} metres a second: its best efforts are known exactly.
     */
    static Map<String, Object> steady(
            Instant start, int minutes, double speedMps, double climbPerSecond, String source) {
        int seconds = 60 * minutes;
        List<List<Object>> track = new ArrayList<>();
        for (int i = 0; i <= seconds; i++) {
            track.add(Arrays.asList(
                    start.toEpochMilli() + 1000L * i,
                    52.5 + speedMps * i / METRES_PER_DEGREE,
                    13.4,
                    100 + climbPerSecond * i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("started_at", start.toString());
        body.put("ended_at", start.plusSeconds(seconds + 1).toString());
        body.put("duration_s", seconds);
        body.put("distance_m", speedMps * seconds);
        body.put("source", source);
        body.put("track", track);
        return body;
    }

    static Map<String, Object> run(int startMinute, int minutes, String source) {
        return run(UUID.randomUUID(), startMinute, minutes, source);
    }

    /** One point a second heading north-east, every tenth without elevation. */
    static List<List<Object>> track(Instant start, int points) {
        List<List<Object>> track = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double lat = Math.round((52.52001 + i * 2.3e-5) * 1e5) / 1e5;
            double lon = Math.round((13.40495 + i * 3.1e-5 + (i % 7) * 1e-5) * 1e5) / 1e5;
            Object elevation = i % 10 == 0 ? null : Math.round((34.2 + i % 13) * 10) / 10.0;
            track.add(Arrays.asList(start.toEpochMilli() + 1000L * i, lat, lon, elevation));
        }
        return track;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    static long storedRuns(DataSource owner, String user) {
        return Jdbi.create(owner)
                .withHandle(h -> h.createQuery("SELECT count(*) FROM runs WHERE user_id = :u")
                        .bind("u", user)
                        .mapTo(Long.class)
                        .one());
    }
}

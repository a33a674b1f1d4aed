package org.fitsync.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs as a phone submits them: plain ones, and one with a GPS track, elevations and heart rate. */
final class SeededRuns {

    private static final Instant FIRST = Instant.parse("2026-06-01T06:30:00Z");

    private SeededRuns() {}

    /** The {@code index}-th plain run: a day after the one before, 5 to 10 km. */
    static Map<String, Object> plain(int index) {
        Instant start = FIRST.plus(Duration.ofDays(index));
        int seconds = 1800 + (index % 7) * 240;
        Map<String, Object> run = new LinkedHashMap<>();
        run.put(
                "id",
                UUID.nameUUIDFromBytes(("plain-" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        run.put("started_at", start.toString());
        run.put("ended_at", start.plusSeconds(seconds + 60).toString());
        run.put("duration_s", seconds);
        run.put("distance_m", 5000.0 + (index % 11) * 450.5);
        run.put("source", "phone");
        return run;
    }

    /**
     * A 40-minute loop sampled every 2 s: a wobbling circle of about 1.2 km radius whose elevation climbs and
     * falls by 30 m, with a heart rate that rises through the run.
     */
    static Map<String, Object> withTrack(Instant start) {
        int points = 1200;
        List<List<Object>> track = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> heartRate = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double angle = 2 * Math.PI * i / points;
            double radius = 0.011 * (1 + 0.08 * Math.sin(angle * 9));
            long time = start.toEpochMilli() + i * 2000L;
            double lat = 52.52 + radius * Math.sin(angle);
            double lon = 13.405 + radius * 1.6 * Math.cos(angle);
            track.add(List.of(time, round(lat), round(lon), Math.round((34 + 15 * Math.sin(angle * 2)) * 10) / 10.0));
            times.add(time);
            heartRate.add(120 + (int) (45.0 * i / points));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put(
                "id",
                UUID.nameUUIDFromBytes("with-track".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        run.put("started_at", start.toString());
        run.put("ended_at", start.plusSeconds(points * 2L).toString());
        run.put("duration_s", points * 2 - 30);
        run.put("distance_m", 8250.0);
        run.put("source", "garmin");
        run.put("notes", "tempo loop");
        run.put("track", track);
        run.put("samples", Map.of("time", times, "heart_rate", heartRate));
        return run;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}

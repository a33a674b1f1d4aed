package org.fitsync.domain.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builders for test runs. */
final class Runs {

    static final Instant START = Instant.parse("2026-11-20T07:00:00Z");

    private Runs() {}

    static RunDraft draft() {
        return new RunDraft(
                Optional.of("5f0c6a52-6a8e-4a43-9a3e-2a3c1d7f0b11"),
                Optional.of("2026-11-20T07:00:00Z"),
                Optional.of("2026-11-20T07:45:10Z"),
                Optional.of(2710L),
                Optional.of(10012.5),
                Optional.of("phone"),
                Optional.of("easy 10k"),
                Optional.of("{\"device\":\"Pixel 9\"}"),
                Optional.of(new Track(List.of(
                        TrackPoint.of(START.toEpochMilli(), 52.52001, 13.40495, 34.2),
                        TrackPoint.withoutElevation(START.toEpochMilli() + 1000, 52.52003, 13.40501)))),
                Optional.empty(),
                Optional.empty());
    }

    static NewRun valid(RunDraft draft) {
        ValidationResult result = RunValidation.validate(draft);
        if (result instanceof ValidationResult.Valid valid) {
            return valid.run();
        }
        throw new AssertionError("expected a valid run: " + result);
    }

    static TimelineRun timeline(
            String name, int startMinute, int endMinute, Source source, long arrival, Optional<String> notes) {
        return new TimelineRun(id(name), span(startMinute, endMinute), source, arrival, notes, false, List.of());
    }

    static TimeSpan span(int startMinute, int endMinute) {
        return new TimeSpan(START.plusSeconds(60L * startMinute), START.plusSeconds(60L * endMinute));
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A track sampled once a second along a straight line heading north-east. */
    static List<TrackPoint> line(int points) {
        List<TrackPoint> track = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            track.add(TrackPoint.of(START.toEpochMilli() + 1000L * i, 52.5 + i * 1e-5, 13.4 + i * 1e-5, 30));
        }
        return track;
    }
}

package org.fitsync.client.jvm.sqlite;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.RecordState;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/** Records, runs and readings for the SQLite store's tests. */
final class SqliteFixtures {

    static final Instant RUN_START = Instant.parse("2026-05-01T07:00:00.123456Z");

    private SqliteFixtures() {}

    static LocalRecord synced(String collection, String id, Map<String, Value> values) {
        return new LocalRecord(
                collection,
                new RecordId(id),
                values,
                1_000,
                2_000,
                RecordState.SYNCED,
                Set.of(),
                0,
                1,
                0,
                Optional.empty());
    }

    static LocalRecord synced(String collection, String id, Map<String, Value> values, long pullMark) {
        return new LocalRecord(
                collection,
                new RecordId(id),
                values,
                1_000,
                2_000,
                RecordState.SYNCED,
                Set.of(),
                0,
                pullMark,
                0,
                Optional.empty());
    }

    static LocalRecord changed(String collection, String id, RecordState state, long localVersion) {
        return new LocalRecord(
                collection,
                new RecordId(id),
                Map.of("name", new Value.Text(id)),
                1_000,
                2_000,
                state,
                state == RecordState.UPDATED ? Set.of("name") : Set.of(),
                localVersion,
                0,
                0,
                Optional.empty());
    }

    static LocalRecord failed(String collection, String id, long localVersion) {
        return changed(collection, id, RecordState.UPDATED, localVersion)
                .withAttempts(3, Optional.of(ItemFailure.of(ItemFailure.Reason.GAVE_UP, "gave up after 3 attempts")));
    }

    static ItemFailure invalid() {
        return new ItemFailure(
                ItemFailure.Reason.INVALID,
                "the run breaks the server's rules",
                Optional.of(422),
                Optional.of("https://fitsync.dev/problems/validation"),
                List.of(
                        new FieldError("track[12]", "time must not go backwards"),
                        new FieldError("notes", "too \"long\"")));
    }

    static Value.Text text(String value) {
        return new Value.Text(value);
    }

    static Value.Num num(double value) {
        return new Value.Num(value);
    }

    /**
     * A valid run with a track of {@code points} fixes half a second apart: awkward doubles (negative zero,
     * values with 17 significant digits) and every third fix without an elevation.
     */
    static NewRun run(UUID id, int points) {
        Track.Builder track = Track.builder(points);
        for (int i = 0; i < points; i++) {
            long time = RUN_START.toEpochMilli() + 1 + 500L * i;
            double lat = i == 1 ? -0.0 : 47.376887 + i * 1.0e-7 + 1.0 / 3.0 * 1e-9;
            double lon = 8.541694 - i * 3.3e-8 + Math.PI * 1e-12;
            if (i % 3 == 2) {
                track.add(time, lat, lon);
            } else {
                track.add(time, lat, lon, i == 3 ? -0.0 : 408.1 + Math.sin(i) * 12.345678901234567);
            }
        }
        Instant end = RUN_START.plus(Duration.ofMillis(500L * points + 1_000));
        long duration = Math.max(1, (500L * points) / 1_000);
        ValidationResult result = RunValidation.validate(new RunDraft(
                Optional.of(id.toString()),
                Optional.of(RUN_START.toString()),
                Optional.of(end.toString()),
                Optional.of(duration),
                Optional.of(duration * 2.7182818284590455),
                Optional.of(Source.PHONE.wireName()),
                Optional.of("Morning run ünd 🏃 \"quotes\" \\ back\nslash"),
                Optional.of("{\"shoe\":\"pegasus\",\"temp\":-0.5}"),
                Optional.of(track.build()),
                Optional.empty(),
                Optional.empty()));
        if (result instanceof ValidationResult.Valid valid) {
            return valid.run();
        }
        throw new AssertionError("the fixture run is invalid: " + result);
    }

    static StepsReading steps(String date, int steps) {
        return new StepsReading(LocalDate.parse(date), steps);
    }

    static SleepReading sleep(String date) {
        LocalDate day = LocalDate.parse(date);
        Instant start = Instant.parse(date + "T22:13:07.250Z").minus(Duration.ofDays(1));
        return new SleepReading(
                day,
                new SleepRecord(
                        start,
                        start.plus(Duration.ofMinutes(481)),
                        470,
                        new SleepStages(Optional.of(95), Optional.empty(), Optional.of(110), Optional.of(12))));
    }
}

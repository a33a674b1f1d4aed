package org.fitsync.domain.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fitsync.domain.FieldError;

/**
 * The rules a submitted run must meet (docs/api.md, Runs). All rules are checked and every bad field is
 * reported, so a client fixes its payload in one round trip. Checking is separate from storing: an
 * invalid draft never reaches a port.
 */
public final class RunValidation {

    public static final Duration MAX_SPAN = Duration.ofDays(2);
    public static final Duration TRACK_SLACK = Duration.ofSeconds(60);
    public static final double MAX_AVERAGE_SPEED_MPS = 15.0;
    public static final int MAX_NOTES_CHARS = 10_000;
    public static final int MAX_METADATA_BYTES = 64 * 1024;
    public static final int MAX_STRAVA_ID_CHARS = 64;
    /** Past this many bad points the rest are summarised: a 200,000-point report helps nobody. */
    public static final int MAX_TRACK_ERRORS = 50;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RunValidation() {}

    public static ValidationResult validate(RunDraft draft) {
        return validate(draft, List.of());
    }

    /**
     * Validates {@code draft}, given the fields the adapter already found malformed (wrong JSON
     * type); those are reported once, with the adapter's message, and not checked again.
     */
    public static ValidationResult validate(RunDraft draft, List<FieldError> shapeErrors) {
        Errors errors = new Errors(shapeErrors);
        Optional<UUID> id = required(errors, "id", draft.id()).flatMap(text -> uuid(errors, text));
        Optional<Instant> startedAt = required(errors, "started_at", draft.startedAt())
                .flatMap(text -> timestamp(errors, "started_at", text));
        Optional<Instant> endedAt =
                required(errors, "ended_at", draft.endedAt()).flatMap(text -> timestamp(errors, "ended_at", text));
        Optional<TimeSpan> span = span(errors, startedAt, endedAt);
        Optional<Long> duration = required(errors, "duration_s", draft.durationS());
        duration.ifPresent(d -> checkDuration(errors, d, span));
        Optional<Double> distance = required(errors, "distance_m", draft.distanceM());
        distance.ifPresent(d -> checkDistance(errors, d, duration));
        Optional<Source> source = required(errors, "source", draft.source()).flatMap(text -> source(errors, text));
        draft.notes().flatMap(RunValidation::notesProblem).ifPresent(problem -> errors.add("notes", problem));
        draft.metadataJson()
                .flatMap(RunValidation::metadataProblem)
                .ifPresent(problem -> errors.add("metadata", problem));
        draft.stravaId().ifPresent(s -> {
            if (s.chars().allMatch(Character::isWhitespace) || s.length() > MAX_STRAVA_ID_CHARS) {
                errors.add("strava_id", "must be 1.." + MAX_STRAVA_ID_CHARS + " characters");
            }
        });
        Track track = draft.track().orElse(Track.EMPTY);
        checkTrack(errors, track, span);
        Optional<Samples> samples = draft.samples().flatMap(s -> SampleRules.check(s, span, errors::add));

        if (errors.any()) {
            return new ValidationResult.Invalid(errors.list());
        }
        // Adding 0.0 turns -0.0 into 0.0: a distance has no sign.
        return new ValidationResult.Valid(new NewRun(
                id.get(),
                span.get(),
                duration.get(),
                distance.get() + 0.0,
                source.get(),
                draft.notes(),
                draft.metadataJson(),
                track,
                draft.stravaId(),
                draft.weatherJson(),
                samples));
    }

    /** Notes are text a user wrote: bounded, and without NUL, which no text column can hold. */
    static Optional<String> notesProblem(String notes) {
        if (notes.codePointCount(0, notes.length()) > MAX_NOTES_CHARS) {
            return Optional.of("must be at most " + MAX_NOTES_CHARS + " characters");
        }
        if (notes.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL characters");
        }
        return Optional.empty();
    }

    /** Metadata is a JSON object text: bounded, and without the escape backslash-u0000 that jsonb refuses. */
    static Optional<String> metadataProblem(String json) {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            return Optional.of("must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        if (json.contains("\\u0000") || json.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL characters (\\u0000)");
        }
        return Optional.empty();
    }

    private static <T> Optional<T> required(Errors errors, String field, Optional<T> value) {
        if (!value.isPresent()) {
            errors.add(field, "is required");
        }
        return value;
    }

    private static Optional<UUID> uuid(Errors errors, String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            errors.add("id", "must be a UUID");
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    private static Optional<Instant> timestamp(Errors errors, String field, String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            if (instant.get(ChronoField.NANO_OF_SECOND) % 1_000 != 0) {
                errors.add(field, "must have at most microsecond precision");
                return Optional.empty();
            }
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(field, "must be between 1970 and 9999");
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an RFC 3339 timestamp such as 2026-11-20T07:00:00Z");
            return Optional.empty();
        }
    }

    private static Optional<TimeSpan> span(Errors errors, Optional<Instant> start, Optional<Instant> end) {
        if (!start.isPresent() || !end.isPresent()) {
            return Optional.empty();
        }
        if (!start.get().isBefore(end.get())) {
            errors.add("ended_at", "must be after started_at");
            return Optional.empty();
        }
        TimeSpan span = new TimeSpan(start.get(), end.get());
        if (span.length().compareTo(MAX_SPAN) > 0) {
            errors.add("ended_at", "must be at most 48 hours after started_at");
            return Optional.empty();
        }
        return Optional.of(span);
    }

    private static void checkDuration(Errors errors, long duration, Optional<TimeSpan> span) {
        if (duration < 0) {
            errors.add("duration_s", "must not be negative");
        } else if (span.isPresent() && duration > span.get().length().toMillis() / 1000) {
            errors.add(
                    "duration_s",
                    "must not exceed the time between started_at and ended_at ("
                            + span.get().length().toMillis() / 1000 + " s)");
        }
    }

    /** Average speed is over the moving time: a zero moving time allows no distance. */
    private static void checkDistance(Errors errors, double distance, Optional<Long> duration) {
        if (!Double.isFinite(distance) || distance < 0) {
            errors.add("distance_m", "must be a number of metres, at least 0");
        } else if (duration.isPresent() && duration.get() >= 0 && distance > MAX_AVERAGE_SPEED_MPS * duration.get()) {
            errors.add(
                    "distance_m",
                    "implies an average speed above " + (int) MAX_AVERAGE_SPEED_MPS + " m/s over duration_s");
        }
    }

    private static Optional<Source> source(Errors errors, String text) {
        Optional<Source> source = Source.fromWire(text);
        if (!source.isPresent()) {
            errors.add("source", "must be one of " + Source.wireNames());
        }
        return source;
    }

    private static void checkTrack(Errors errors, Track track, Optional<TimeSpan> span) {
        if (track.size() > Track.MAX_POINTS) {
            errors.add("track", "must have at most " + Track.MAX_POINTS + " points");
            return;
        }
        Optional<Instant> earliest = span.map(s -> s.start().minus(TRACK_SLACK));
        Optional<Instant> latest = span.map(s -> s.end().plus(TRACK_SLACK));
        // The same window in whole milliseconds, for the allocation-free check of the common good point:
        // a millisecond time t is within [earliest, latest] exactly when ceil(earliest) <= t <= floor(latest).
        long earliestMs = earliest.map(
                        e -> e.toEpochMilli() + (e.get(ChronoField.NANO_OF_SECOND) % 1_000_000 == 0 ? 0 : 1))
                .orElse(Long.MIN_VALUE);
        long latestMs = latest.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        int bad = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < track.size(); i++) {
            if (isPlainlyValid(track, i, previous, earliestMs, latestMs)) {
                previous = track.epochMs(i);
                continue;
            }
            TrackPoint p = track.point(i);
            Optional<String> problem = pointProblem(p, previous, earliest, latest);
            previous = Math.max(previous, p.epochMs());
            if (!problem.isPresent()) {
                continue;
            }
            bad++;
            if (bad <= MAX_TRACK_ERRORS) {
                errors.add("track[" + i + "]", problem.get());
            }
        }
        if (bad > MAX_TRACK_ERRORS) {
            errors.add("track", (bad - MAX_TRACK_ERRORS) + " more points are invalid");
        }
    }

    /** Every rule of {@link #pointProblem} holds; decided without allocating, as it is for nearly every point. */
    private static boolean isPlainlyValid(Track track, int i, long previous, long earliestMs, long latestMs) {
        double lat = track.lat(i);
        double lon = track.lon(i);
        long time = track.epochMs(i);
        return lat >= -90
                && lat <= 90
                && lon >= -180
                && lon <= 180
                && (!track.hasElevation(i) || Double.isFinite(track.elevationM(i)))
                && time >= previous
                && time >= earliestMs
                && time <= latestMs;
    }

    private static Optional<String> pointProblem(
            TrackPoint p, long previous, Optional<Instant> earliest, Optional<Instant> latest) {
        List<String> problems = new ArrayList<>();
        if (!(p.lat() >= -90 && p.lat() <= 90)) {
            problems.add("latitude must be in [-90, 90]");
        }
        if (!(p.lon() >= -180 && p.lon() <= 180)) {
            problems.add("longitude must be in [-180, 180]");
        }
        if (p.elevationM().isPresent() && !Double.isFinite(p.elevationM().getAsDouble())) {
            problems.add("elevation must be a finite number or null");
        }
        if (p.epochMs() < previous) {
            problems.add("time must not go backwards");
        }
        Instant at = Instant.ofEpochMilli(p.epochMs());
        if (earliest.isPresent() && (at.isBefore(earliest.get()) || at.isAfter(latest.get()))) {
            problems.add("time must be within 60 s of [started_at, ended_at]");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Collects errors, one per field, skipping fields the adapter already reported. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();
        private final Set<String> fields = new LinkedHashSet<>();

        Errors(List<FieldError> shapeErrors) {
            shapeErrors.forEach(e -> add(e.field(), e.message()));
        }

        void add(String field, String message) {
            if (fields.add(field)) {
                errors.add(new FieldError(field, message));
            }
        }

        boolean any() {
            return !errors.isEmpty();
        }

        List<FieldError> list() {
            return errors;
        }
    }
}

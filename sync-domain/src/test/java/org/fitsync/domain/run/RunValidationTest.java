package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.junit.jupiter.api.Test;

class RunValidationTest {

    private static final RunDraft OK = Runs.draft();

    @Test
    void acceptsTheApiExample() {
        NewRun run = Runs.valid(OK);
        assertThat(run.source()).isEqualTo(Source.PHONE);
        assertThat(run.track().size()).isEqualTo(2);
        assertThat(run.track().points().get(1).elevationM()).isEmpty();
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        RunDraft draft = new RunDraft(
                Optional.of("not-a-uuid"),
                Optional.of("yesterday"),
                Optional.empty(),
                Optional.of(-1L),
                Optional.of(-5.0),
                Optional.of("fitbit"),
                Optional.of("x".repeat(10_001)),
                Optional.of("{\"k\":\"" + "v".repeat(64 * 1024) + "\"}"),
                Optional.of(new Track(List.of(TrackPoint.of(0, 91, 0, 0), TrackPoint.of(0, 0, -181, 0)))),
                Optional.empty(),
                Optional.empty());
        assertThat(fields(draft))
                .containsExactly(
                        "id",
                        "started_at",
                        "ended_at",
                        "duration_s",
                        "distance_m",
                        "source",
                        "notes",
                        "metadata",
                        "track[0]",
                        "track[1]");
    }

    @Test
    void requiresTheMandatoryFields() {
        RunDraft empty = new RunDraft(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(fields(empty)).containsExactly("id", "started_at", "ended_at", "duration_s", "distance_m", "source");
    }

    @Test
    void endMustFollowStartWithinFortyEightHours() {
        assertThat(fields(withTimes("2026-11-20T07:00:00Z", "2026-11-20T07:00:00Z")))
                .containsExactly("ended_at");
        assertThat(fields(withTimes("2026-11-20T07:00:00Z", "2026-11-22T07:00:01Z")))
                .containsExactly("ended_at");
        assertThat(fields(withTimes("2026-11-20T07:00:00Z", "2026-11-22T07:00:00Z")))
                .isEmpty();
    }

    @Test
    void durationIsAtMostTheSpan() {
        assertThat(fields(with(3, Optional.of(2711L)))).containsExactly("duration_s");
        assertThat(fields(with(3, Optional.of(0L)))).containsExactly("distance_m");
    }

    @Test
    void averageSpeedIsAtMostFifteenMetresPerSecond() {
        RunDraft fast = new RunDraft(
                OK.id(),
                OK.startedAt(),
                OK.endedAt(),
                Optional.of(1000L),
                Optional.of(15_000.1),
                OK.source(),
                OK.notes(),
                OK.metadataJson(),
                OK.track(),
                OK.stravaId(),
                OK.weatherJson());
        assertThat(fields(fast)).containsExactly("distance_m");
    }

    @Test
    void trackTimesMustNotGoBackwardsNorLeaveTheRunWindow() {
        long start = Runs.START.toEpochMilli();
        RunDraft draft = withTrack(List.of(
                TrackPoint.of(start - 60_000, 0, 0, 0),
                TrackPoint.of(start + 5000, 0, 0, 0),
                TrackPoint.of(start + 4000, 0, 0, 0),
                TrackPoint.of(start - 60_001, 0, 0, 0),
                TrackPoint.of(Runs.START.plusSeconds(2710 + 60).toEpochMilli(), 0, 0, 0),
                TrackPoint.of(Runs.START.plusSeconds(2710 + 61).toEpochMilli(), 0, 0, 0)));
        assertThat(fields(draft)).containsExactly("track[2]", "track[3]", "track[5]");
    }

    @Test
    void theRunWindowIsExactToTheMicrosecond() {
        // started_at 07:00:00.000500: a point at 06:59:00.000 is 0.5 ms too early, one at 06:59:00.001 is not.
        long windowStart = Runs.START.toEpochMilli() - 60_000;
        RunDraft draft = new RunDraft(
                OK.id(),
                Optional.of("2026-11-20T07:00:00.000500Z"),
                Optional.of("2026-11-20T07:45:10.000500Z"),
                OK.durationS(),
                OK.distanceM(),
                OK.source(),
                OK.notes(),
                OK.metadataJson(),
                Optional.of(new Track(List.of(
                        TrackPoint.of(windowStart, 0, 0, 0),
                        TrackPoint.of(windowStart + 1, 0, 0, 0),
                        TrackPoint.of(Runs.START.plusSeconds(2710 + 60).toEpochMilli(), 0, 0, 0),
                        TrackPoint.of(Runs.START.plusSeconds(2710 + 60).toEpochMilli() + 1, 0, 0, 0)))),
                OK.stravaId(),
                OK.weatherJson());
        assertThat(fields(draft)).containsExactly("track[0]", "track[3]");
    }

    @Test
    void reportsAtMostFiftyPointsThenSummarises() {
        List<TrackPoint> points = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            points.add(TrackPoint.of(Runs.START.toEpochMilli(), 95, 0, 0));
        }
        List<String> fields = fields(withTrack(points));
        assertThat(fields).hasSize(51).endsWith("track");
    }

    @Test
    void rejectsMoreThanTwoHundredThousandPoints() {
        List<TrackPoint> points = new ArrayList<>();
        TrackPoint p = TrackPoint.of(Runs.START.toEpochMilli(), 0, 0, 0);
        for (int i = 0; i <= Track.MAX_POINTS; i++) {
            points.add(p);
        }
        assertThat(fields(withTrack(points))).containsExactly("track");
    }

    @Test
    void adapterShapeErrorsAreReportedOnceAndFirst() {
        RunDraft noSource = with(5, Optional.empty());
        ValidationResult result =
                RunValidation.validate(noSource, List.of(new FieldError("source", "must be a string")));
        assertThat(((ValidationResult.Invalid) result).errors())
                .containsExactly(new FieldError("source", "must be a string"));
    }

    @Test
    void fingerprintIsStableAndSeesEveryField() {
        NewRun run = Runs.valid(OK);
        assertThat(Runs.valid(Runs.draft()).fingerprint()).isEqualTo(run.fingerprint());
        assertThat(Runs.valid(with(6, Optional.of("hard 10k"))).fingerprint()).isNotEqualTo(run.fingerprint());
        assertThat(Runs.valid(with(6, Optional.empty())).fingerprint()).isNotEqualTo(run.fingerprint());
        assertThat(Runs.valid(with(4, Optional.of(10012.6))).fingerprint()).isNotEqualTo(run.fingerprint());
        assertThat(Runs.valid(withTrack(List.of(TrackPoint.of(Runs.START.toEpochMilli(), 52.52001, 13.40495, 34.2))))
                        .fingerprint())
                .isNotEqualTo(run.fingerprint());
        assertThat(Runs.valid(withTimes("2026-11-20T08:00:00+01:00", "2026-11-20T07:45:10Z"))
                        .fingerprint())
                .as("the same instant in another offset is the same content")
                .isEqualTo(run.fingerprint());
    }

    /**
     * Stored runs keep their fingerprint, and a retry after an upgrade must still match it: the
     * canonical form may not change. The digest was computed by the first release's implementation.
     */
    @Test
    void fingerprintOfAKnownRunIsPinned() {
        long start = Runs.START.toEpochMilli();
        NewRun run = Runs.valid(withTrack(List.of(
                TrackPoint.of(start, 52.52001, 13.40495, 34.2),
                TrackPoint.withoutElevation(start + 1000, 52.52003, 13.40501),
                TrackPoint.of(start + 2000, -0.0, 0.0, -0.0))));
        assertThat(run.fingerprint().hex())
                .isEqualTo("8c6bcf5790864a472ad0a19148a45510480cf087116667b011afe964f388f24e");
    }

    private static List<String> fields(RunDraft draft) {
        ValidationResult result = RunValidation.validate(draft);
        if (result instanceof ValidationResult.Invalid invalid) {
            return invalid.errors().stream().map(FieldError::field).toList();
        }
        return List.of();
    }

    private static RunDraft withTimes(String start, String end) {
        return new RunDraft(
                OK.id(),
                Optional.of(start),
                Optional.of(end),
                OK.durationS(),
                OK.distanceM(),
                OK.source(),
                OK.notes(),
                OK.metadataJson(),
                OK.track(),
                OK.stravaId(),
                OK.weatherJson());
    }

    private static RunDraft withTrack(List<TrackPoint> points) {
        return new RunDraft(
                OK.id(),
                OK.startedAt(),
                OK.endedAt(),
                OK.durationS(),
                OK.distanceM(),
                OK.source(),
                OK.notes(),
                OK.metadataJson(),
                Optional.of(new Track(points)),
                OK.stravaId(),
                OK.weatherJson());
    }

    /** {@code OK} with the component at {@code index} replaced (index as in the record). */
    private static RunDraft with(int index, Optional<?> value) {
        Object[] c = {
            OK.id(),
            OK.startedAt(),
            OK.endedAt(),
            OK.durationS(),
            OK.distanceM(),
            OK.source(),
            OK.notes(),
            OK.metadataJson(),
            OK.track(),
            OK.stravaId(),
            OK.weatherJson()
        };
        c[index] = value;
        return rebuild(c);
    }

    @SuppressWarnings("unchecked")
    private static RunDraft rebuild(Object[] c) {
        return new RunDraft(
                (Optional<String>) c[0],
                (Optional<String>) c[1],
                (Optional<String>) c[2],
                (Optional<Long>) c[3],
                (Optional<Double>) c[4],
                (Optional<String>) c[5],
                (Optional<String>) c[6],
                (Optional<String>) c[7],
                (Optional<Track>) c[8],
                (Optional<String>) c[9],
                (Optional<String>) c[10]);
    }
}

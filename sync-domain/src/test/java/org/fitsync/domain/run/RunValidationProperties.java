package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RunValidationProperties {

    /** Whatever arrives, validation decides without throwing, and names each bad field once. */
    @Property(tries = 2000)
    void anyDraftIsEitherValidOrNamesEachBadFieldOnce(@ForAll("drafts") RunDraft draft) {
        ValidationResult result = RunValidation.validate(draft);
        if (result instanceof ValidationResult.Invalid invalid) {
            Set<String> fields = new HashSet<>();
            invalid.errors()
                    .forEach(e -> assertThat(fields.add(e.field()))
                            .as("reported once: %s", e.field())
                            .isTrue());
        } else {
            NewRun run = ((ValidationResult.Valid) result).run();
            assertThat(run.durationS()).isBetween(0L, run.span().length().toSeconds());
            assertThat(run.distanceM()).isBetween(0.0, 15.0 * run.durationS());
        }
    }

    /** A valid run's fingerprint depends on its content only. */
    @Property(tries = 300)
    void fingerprintIsAFunctionOfContent(@ForAll("drafts") RunDraft draft) {
        ValidationResult first = RunValidation.validate(draft);
        ValidationResult second = RunValidation.validate(draft);
        if (first instanceof ValidationResult.Valid a && second instanceof ValidationResult.Valid b) {
            assertThat(a.run().fingerprint()).isEqualTo(b.run().fingerprint());
        }
    }

    @Provide
    Arbitrary<RunDraft> drafts() {
        Arbitrary<Optional<String>> id = Arbitraries.oneOf(
                        Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                        Arbitraries.strings().ofMaxLength(40))
                .optional(0.9);
        Arbitrary<Optional<String>> start = Arbitraries.of(
                        "2026-11-20T07:00:00Z",
                        "2026-11-20T07:00:00.5+02:00",
                        "2026-11-20T07:00:00.0000001Z",
                        "not a time",
                        "+99999-01-01T00:00:00Z",
                        "1969-12-31T23:59:59Z")
                .optional(0.9);
        Arbitrary<Optional<String>> end = Arbitraries.of(
                        "2026-11-20T08:00:00Z",
                        "2026-11-22T07:00:00Z",
                        "2026-11-22T07:00:01Z",
                        "2026-11-20T06:00:00Z",
                        "2026-11-20")
                .optional(0.9);
        Arbitrary<Optional<Long>> duration =
                Arbitraries.longs().between(-10, 200_000).optional(0.9);
        Arbitrary<Optional<Double>> distance = Arbitraries.oneOf(
                        Arbitraries.doubles().between(-10, 3_000_000),
                        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0))
                .optional(0.9);
        Arbitrary<Optional<String>> source = Arbitraries.of(
                        "garmin", "strava", "phone", "healthkit", "manual", "fitbit", "")
                .optional(0.9);
        Arbitrary<Optional<String>> notes =
                Arbitraries.strings().ofMaxLength(20).optional(0.5);
        Arbitrary<TrackPoint> point = Combinators.combine(
                        Arbitraries.longs().between(1_795_158_000_000L - 120_000, 1_795_158_000_000L + 200_000_000L),
                        Arbitraries.doubles().between(-100, 100),
                        Arbitraries.doubles().between(-200, 200),
                        Arbitraries.doubles()
                                .between(-500, 9000)
                                .map(OptionalDouble::of)
                                .injectNull(0.3)
                                .map(e -> e == null ? OptionalDouble.empty() : e))
                .as(TrackPoint::new);
        Arbitrary<Optional<Track>> track =
                point.list().ofMaxSize(20).map(Track::new).optional(0.7);
        return Combinators.combine(id, start, end, duration, distance, source, notes, track)
                .as((i, s, e, du, di, so, n, t) ->
                        new RunDraft(i, s, e, du, di, so, n, Optional.empty(), t, Optional.empty(), Optional.empty()));
    }
}

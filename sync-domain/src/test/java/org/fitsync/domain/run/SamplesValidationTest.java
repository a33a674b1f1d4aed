package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.junit.jupiter.api.Test;

/** A run's samples (heart rate, cadence, …): what is accepted, and every bad field named. */
class SamplesValidationTest {

    private static final long T0 = Runs.START.toEpochMilli();

    @Test
    void acceptsSamplesWithGapsAndKeepsThemExactly() {
        Map<String, double[]> streams = new LinkedHashMap<>();
        streams.put("heart_rate", new double[] {120, Double.NaN, 122});
        streams.put("cadence", new double[] {170, 171.5, 172});
        streams.put("distance_m", new double[] {0, 2.87, 5.91});
        NewRun run = Runs.valid(withSamples(Runs.draft(), times(3), streams));
        Samples samples = run.samples().orElseThrow();
        assertThat(samples.size()).isEqualTo(3);
        assertThat(samples.streams())
                .containsExactly(SampleStream.HEART_RATE, SampleStream.CADENCE, SampleStream.DISTANCE_M);
        assertThat(samples.hasValue(SampleStream.HEART_RATE, 1)).isFalse();
        assertThat(samples.value(SampleStream.CADENCE, 1)).isEqualTo(171.5);
        assertThat(samples.value(SampleStream.DISTANCE_M, 2)).isEqualTo(5.91);
        assertThat(samples.has(SampleStream.POWER)).isFalse();
    }

    @Test
    void aTreadmillRunHasSamplesAndNoTrack() {
        RunDraft draft =
                withSamples(withoutTrack(Runs.draft()), times(2), Map.of("heart_rate", new double[] {100, 101}));
        NewRun run = Runs.valid(draft);
        assertThat(run.track().isEmpty()).isTrue();
        assertThat(run.samples()).isPresent();
    }

    @Test
    void namesEveryBadField() {
        Map<String, double[]> streams = new LinkedHashMap<>();
        double[] heartRate = new double[20];
        java.util.Arrays.fill(heartRate, 140);
        heartRate[17] = 400;
        heartRate[3] = 140.5;
        streams.put("heart_rate", heartRate);
        streams.put("cadence", new double[19]);
        streams.put("power", filled(20, -1, 2, 250));
        streams.put("temperature", filled(20, 21.5, 0, 20));
        streams.put("speed", new double[20]);
        long[] times = times(20);
        times[5] = times[4];
        times[19] = T0 + 3_600_000_000L;
        assertThat(fields(withSamples(Runs.draft(), times, streams)))
                .containsExactly(
                        "samples.cadence",
                        "samples.speed",
                        "samples.time[5]",
                        "samples.time[19]",
                        "samples.heart_rate[3]",
                        "samples.heart_rate[17]",
                        "samples.power[2]",
                        "samples.temperature[0]");
    }

    @Test
    void explainsWhatABadValueShouldBe() {
        double[] heartRate = {140, 400};
        assertThat(errors(withSamples(Runs.draft(), times(2), Map.of("heart_rate", heartRate))))
                .containsExactly(new FieldError(
                        "samples.heart_rate[1]", "must be a whole number of beats per minute in [20, 250], or null"));
    }

    @Test
    void requiresTimesAndAStream() {
        RunDraft noTime =
                Runs.draft().withSamples(new DraftSamples(Optional.empty(), Map.of("heart_rate", new double[] {120})));
        assertThat(fields(noTime)).containsExactly("samples.time");
        RunDraft noStream = Runs.draft().withSamples(new DraftSamples(Optional.of(times(1)), Map.of()));
        assertThat(fields(noStream)).containsExactly("samples");
        RunDraft empty = withSamples(Runs.draft(), new long[0], Map.of("heart_rate", new double[0]));
        assertThat(fields(empty)).containsExactly("samples.time");
    }

    @Test
    void limitsTheSampleCountAsTheTrackIsLimited() {
        int n = Samples.MAX_SAMPLES + 1;
        RunDraft draft = withSamples(Runs.draft(), times(n), Map.of("heart_rate", new double[n]));
        assertThat(errors(draft)).containsExactly(new FieldError("samples.time", "must have at most 200000 samples"));
    }

    @Test
    void summarisesBadValuesPastFifty() {
        double[] heartRate = filled(80, 0, 0, 0);
        List<String> fields = fields(withSamples(Runs.draft(), times(80), Map.of("heart_rate", heartRate)));
        assertThat(fields).hasSize(RunValidation.MAX_TRACK_ERRORS + 1).endsWith("samples");
    }

    @Test
    void acceptsTheExtremesOfEachStream() {
        Map<String, double[]> streams = new LinkedHashMap<>();
        streams.put("heart_rate", new double[] {20, 250});
        streams.put("cadence", new double[] {0, 300});
        streams.put("power", new double[] {0, 3000});
        streams.put("temperature", new double[] {-60, 70});
        streams.put("distance_m", new double[] {0, 1_000_000});
        assertThat(Runs.valid(withSamples(Runs.draft(), times(2), streams)).samples())
                .isPresent();
    }

    static long[] times(int n) {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = T0 + 1000L * i;
        }
        return times;
    }

    /** {@code n} values of {@code fill}, except {@code value} at {@code at}. */
    private static double[] filled(int n, double value, int at, double fill) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, fill);
        values[at] = value;
        return values;
    }

    static RunDraft withSamples(RunDraft draft, long[] times, Map<String, double[]> streams) {
        return draft.withSamples(new DraftSamples(Optional.of(times), streams));
    }

    static RunDraft withoutTrack(RunDraft d) {
        return new RunDraft(
                d.id(),
                d.startedAt(),
                d.endedAt(),
                d.durationS(),
                d.distanceM(),
                d.source(),
                d.notes(),
                d.metadataJson(),
                Optional.empty(),
                d.stravaId(),
                d.weatherJson(),
                d.samples());
    }

    private static List<FieldError> errors(RunDraft draft) {
        ValidationResult result = RunValidation.validate(draft);
        assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
        return ((ValidationResult.Invalid) result).errors();
    }

    private static List<String> fields(RunDraft draft) {
        return errors(draft).stream().map(FieldError::field).toList();
    }
}

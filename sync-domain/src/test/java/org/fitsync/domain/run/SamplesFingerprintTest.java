package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Samples are part of a run's content: a retry with other samples is another run. */
class SamplesFingerprintTest {

    private static final long[] TIMES = SamplesValidationTest.times(3);

    @Test
    void aRunWithoutSamplesKeepsItsFingerprint() {
        assertThat(Runs.valid(Runs.draft()).fingerprint().hex())
                .isEqualTo("86f9920a203c4ff2a2604e56521a8abad8109347abe93396028d4a9859711118");
    }

    @Test
    void samplesChangeTheFingerprint() {
        String none = fingerprint(Runs.draft());
        String some = fingerprint(hr(120, 121, 122));
        assertThat(some).isNotEqualTo(none);
        assertThat(fingerprint(hr(120, 121, 122))).isEqualTo(some);
        assertThat(fingerprint(hr(120, 121, 123))).isNotEqualTo(some);
        assertThat(fingerprint(hr(120, Double.NaN, 122))).isNotEqualTo(some);
        assertThat(fingerprint(SamplesValidationTest.withSamples(
                        Runs.draft(), TIMES, Map.of("power", new double[] {120, 121, 122}))))
                .isNotEqualTo(some);
        long[] shifted = SamplesValidationTest.times(3);
        shifted[2]++;
        assertThat(fingerprint(SamplesValidationTest.withSamples(
                        Runs.draft(), shifted, Map.of("heart_rate", new double[] {120, 121, 122}))))
                .isNotEqualTo(some);
    }

    @Test
    void zeroHasNoSign() {
        Map<String, double[]> negative = Map.of("distance_m", new double[] {-0.0, 1, 2});
        Map<String, double[]> positive = Map.of("distance_m", new double[] {0.0, 1, 2});
        NewRun a = Runs.valid(SamplesValidationTest.withSamples(Runs.draft(), TIMES, negative));
        NewRun b = Runs.valid(SamplesValidationTest.withSamples(Runs.draft(), TIMES, positive));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a).isEqualTo(b);
    }

    private static RunDraft hr(double... values) {
        return SamplesValidationTest.withSamples(Runs.draft(), TIMES, Map.of("heart_rate", values));
    }

    private static String fingerprint(RunDraft draft) {
        return Runs.valid(draft).fingerprint().hex();
    }
}

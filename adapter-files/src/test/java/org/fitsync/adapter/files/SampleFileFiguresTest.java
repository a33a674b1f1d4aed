package org.fitsync.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Track;
import org.junit.jupiter.api.Test;

/**
 * The run figures of the sample files. None of them carries a device's own ascent or moving time (the
 * FIT sessions have no {@code total_ascent}; the writer's {@code total_timer_time} is the record count,
 * not a device's auto-pause): the expected figures are the ones of the altitude the generator wrote,
 * {@code 100 + 10 sin(i / 60)} m for record i of 900 (generate-fit.mjs), worked out by hand:
 * climbs of 10, 20 and 20 m, descents of 20, 20 and 3.4 m (10 (1 − sin(899 / 60))).
 */
class SampleFileFiguresTest {

    private final ActivityFileReader reader = new ActivityFileReader();

    @Test
    void theTrailRunClimbsWhatItsAltitudeFunctionClimbs() throws IOException {
        ActivityRecording run = read("run-hr-cadence-devfield.fit", FileFormat.FIT);

        RunFigures figures = figures(run);

        // FIT keeps altitude in 0.2 m steps: each of the six turning points may be off by one (49.4 and
        // 42.8 today).
        assertThat(figures.elevationGainM().getAsDouble()).isCloseTo(50.0, within(1.2));
        assertThat(figures.elevationLossM().getAsDouble()).isCloseTo(43.4, within(1.2));
        // 929 s elapsed with a 30 s pause; 2.3 m/s on the track: moving but for the pause and the
        // seconds before 10 m are covered after the start and after the pause.
        assertThat(figures.movingTimeS()).isBetween(885L, 899L);
        assertThat(figures.maxHeartRate().getAsInt()).isEqualTo(159);
        assertThat(figures.avgHeartRate().getAsDouble()).isCloseTo(139.3, within(0.05));
        assertThat(figures.avgCadence().getAsDouble()).isCloseTo(175.0, within(0.1));
    }

    @Test
    void theSameRunThroughGpsBabelsGpxGivesTheSameFigures() throws IOException {
        RunFigures fit = figures(read("run-hr-cadence-devfield.fit", FileFormat.FIT));
        RunFigures gpx = figures(read("run-gpsbabel.gpx.gz", FileFormat.GPX));

        assertThat(gpx.elevationGainM().getAsDouble())
                .isCloseTo(fit.elevationGainM().getAsDouble(), within(0.3));
        assertThat(gpx.elevationLossM().getAsDouble())
                .isCloseTo(fit.elevationLossM().getAsDouble(), within(0.3));
        assertThat(gpx.movingTimeS()).isEqualTo(fit.movingTimeS());
    }

    @Test
    void theTreadmillRunMovesByItsDistanceSamples() throws IOException {
        ActivityRecording run = read("treadmill-no-gps.fit", FileFormat.FIT);

        RunFigures figures = figures(run);

        // 300 records at 3.1 m/s, no pause: all but the first seconds before 10 m.
        assertThat(figures.movingTimeS()).isBetween(290L, 299L);
        assertThat(figures.elevationGainM()).isEmpty();
    }

    /** The figures of the run FitSync makes of the recording: its positioned points and its streams. */
    private static RunFigures figures(ActivityRecording run) {
        List<RecordedSample> samples = run.samples();
        Track.Builder track = Track.builder(samples.size());
        long[] times = new long[samples.size()];
        Map<SampleStream, double[]> streams = new EnumMap<>(SampleStream.class);
        streams.put(SampleStream.HEART_RATE, new double[samples.size()]);
        streams.put(SampleStream.CADENCE, new double[samples.size()]);
        streams.put(SampleStream.DISTANCE_M, new double[samples.size()]);
        for (int i = 0; i < samples.size(); i++) {
            RecordedSample sample = samples.get(i);
            if (sample.hasPosition()) {
                if (sample.elevationM().isPresent()) {
                    track.add(
                            sample.epochMs(),
                            sample.lat().getAsDouble(),
                            sample.lon().getAsDouble(),
                            sample.elevationM().getAsDouble());
                } else {
                    track.add(
                            sample.epochMs(),
                            sample.lat().getAsDouble(),
                            sample.lon().getAsDouble());
                }
            }
            times[i] = sample.epochMs();
            streams.get(SampleStream.HEART_RATE)[i] = sample.heartRate().orElse(Double.NaN);
            streams.get(SampleStream.CADENCE)[i] = sample.cadence().orElse(Double.NaN);
            streams.get(SampleStream.DISTANCE_M)[i] = sample.distanceM().orElse(Double.NaN);
        }
        return RunFiguresCalculator.of(
                track.build(),
                Optional.of(org.fitsync.domain.run.Samples.of(times, streams)),
                run.elapsedS(),
                run.distanceM().orElse(0));
    }

    private ActivityRecording read(String sample, FileFormat format) throws IOException {
        FileReading reading = reader.read(new ByteArrayInputStream(Samples.bytes(sample)), format);
        assertThat(reading).isInstanceOf(FileReading.Read.class);
        return ((FileReading.Read) reading).recording();
    }
}

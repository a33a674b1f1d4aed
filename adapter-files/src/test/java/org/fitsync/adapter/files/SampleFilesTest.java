package org.fitsync.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;
import org.junit.jupiter.api.Test;

/**
 * Files written by other software, read as FitSync reads an upload. The expected values come from
 * independent decoders (fit-file-parser for FIT, Python's ElementTree for GPX and TCX), as the samples'
 * README records, never from this reader.
 */
class SampleFilesTest {

    private final ActivityFileReader reader = new ActivityFileReader();

    @Test
    void aTrailRunWithHeartRateCadencePowerAndADeveloperFieldIsARun() throws IOException {
        ActivityRecording run = read("run-hr-cadence-devfield.fit", FileFormat.FIT);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.kind().sport()).isEqualTo("running/trail");
        assertThat(run.manufacturer()).contains("coros");
        assertThat(run.start()).isEqualTo(Instant.parse("2024-05-04T06:30:00Z"));
        assertThat(run.elapsedS()).isEqualTo(929); // the session's total, the 30 s pause included
        assertThat(run.distanceM().getAsDouble()).isCloseTo(2786.89, within(0.005));
        assertThat(run.samples()).hasSize(900);
        assertThat(run.samples()).allMatch(s -> s.heartRate().isPresent());
        assertThat(run.samples()).allMatch(RecordedSample::hasPosition);
        RecordedSample first = run.samples().get(0);
        assertThat(first.epochMs())
                .isEqualTo(Instant.parse("2024-05-04T06:30:00Z").toEpochMilli());
        assertThat(first.lat().getAsDouble()).isCloseTo(52.49999997206032, within(1e-9));
        assertThat(first.lon().getAsDouble()).isCloseTo(13.399999989196658, within(1e-9));
        assertThat(first.elevationM().getAsDouble()).isCloseTo(100, within(0.2));
        assertThat(first.heartRate().getAsDouble()).isEqualTo(120);
        assertThat(first.cadence().getAsDouble()).isEqualTo(171); // 2 × (85 + 64/128) strides of one foot
        assertThat(first.powerW().getAsDouble()).isEqualTo(200);
        assertThat(first.temperatureC().getAsDouble()).isEqualTo(18);
        assertThat(first.distanceM().getAsDouble()).isZero();
        assertThat(last(run.samples()).epochMs())
                .isEqualTo(Instant.parse("2024-05-04T06:45:29Z").toEpochMilli());
        assertInTimeOrder(run.samples());
    }

    @Test
    void aTreadmillRunHasNoPositions() throws IOException {
        ActivityRecording run = read("treadmill-no-gps.fit", FileFormat.FIT);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.kind().sport()).isEqualTo("running/treadmill");
        assertThat(run.manufacturer()).contains("garmin");
        assertThat(run.start()).isEqualTo(Instant.parse("2024-05-06T17:00:00Z"));
        assertThat(run.elapsedS()).isEqualTo(299);
        assertThat(run.distanceM().getAsDouble()).isCloseTo(926.9, within(0.005));
        assertThat(run.samples()).hasSize(300).noneMatch(RecordedSample::hasPosition);
        assertThat(run.samples()).allMatch(s -> s.heartRate().isPresent());
    }

    @Test
    void aRideIsReadAsAnotherSport() throws IOException {
        ActivityRecording ride = read("ride-cycling.fit", FileFormat.FIT);

        assertThat(ride.kind().run()).isFalse();
        assertThat(ride.kind().sport()).isEqualTo("cycling/road");
        assertThat(ride.manufacturer()).contains("wahoo");
        assertThat(ride.start()).isEqualTo(Instant.parse("2024-05-05T08:00:00Z"));
        assertThat(ride.elapsedS()).isEqualTo(599);
        assertThat(ride.distanceM().getAsDouble()).isCloseTo(4492.5, within(0.005));
        assertThat(ride.samples()).hasSize(600);
        assertThat(ride.samples().get(0).cadence().getAsDouble()).isEqualTo(85); // rpm, not doubled
    }

    @Test
    void aGpxExportWithGarminsTrackPointExtension() throws IOException {
        ActivityRecording run = read("run-gpsbabel.gpx.gz", FileFormat.GPX);

        assertThat(run.kind().run()).isTrue(); // no <type>: taken as a run
        assertThat(run.manufacturer()).isEmpty(); // GPSBabel is not a device
        assertThat(run.start()).isEqualTo(Instant.parse("2024-05-04T06:30:00Z"));
        assertThat(run.elapsedS()).isEqualTo(929);
        assertThat(run.distanceM()).isEmpty(); // GPX states none: the service measures the track
        assertThat(run.samples()).hasSize(900).allMatch(s -> s.heartRate().isPresent());
        RecordedSample first = run.samples().get(0);
        assertThat(first.lat().getAsDouble()).isEqualTo(52.499999972);
        assertThat(first.lon().getAsDouble()).isEqualTo(13.399999989);
        assertThat(first.elevationM().getAsDouble()).isEqualTo(100);
        assertThat(first.heartRate().getAsDouble()).isEqualTo(120);
        assertThat(first.cadence().getAsDouble()).isEqualTo(170); // gpxtpx:cad 85 per foot
        assertThat(first.temperatureC().getAsDouble()).isEqualTo(18);
    }

    @Test
    void aTcxExportWithPowerInTheActivityExtension() throws IOException {
        ActivityRecording run = read("run-gpsbabel.tcx.gz", FileFormat.TCX);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.start()).isEqualTo(Instant.parse("2024-05-04T06:30:00Z"));
        assertThat(run.elapsedS()).isEqualTo(929);
        assertThat(run.distanceM().getAsDouble()).isEqualTo(2092.16); // the lap's stated total
        assertThat(run.samples()).hasSize(900).allMatch(s -> s.heartRate().isPresent());
        RecordedSample first = run.samples().get(0);
        assertThat(first.lat().getAsDouble()).isEqualTo(52.5);
        assertThat(first.lon().getAsDouble()).isEqualTo(13.4);
        assertThat(first.cadence().getAsDouble()).isEqualTo(170);
        assertThat(first.powerW().getAsDouble()).isEqualTo(200);
    }

    @Test
    void gzipIsRecognisedByItsBytesWhateverTheFormatSays() throws IOException {
        byte[] gzipped = gzip(Samples.bytes("run-hr-cadence-devfield.fit"));

        ActivityRecording run =
                ((FileReading.Read) reader.read(new ByteArrayInputStream(gzipped), FileFormat.FIT)).recording();

        assertThat(run.samples()).hasSize(900);
    }

    private ActivityRecording read(String sample, FileFormat format) throws IOException {
        FileReading reading = reader.read(new ByteArrayInputStream(Samples.bytes(sample)), format);
        assertThat(reading).isInstanceOf(FileReading.Read.class);
        return ((FileReading.Read) reading).recording();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static RecordedSample last(List<RecordedSample> samples) {
        return samples.get(samples.size() - 1);
    }

    private static void assertInTimeOrder(List<RecordedSample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).epochMs())
                    .isGreaterThanOrEqualTo(samples.get(i - 1).epochMs());
        }
    }
}

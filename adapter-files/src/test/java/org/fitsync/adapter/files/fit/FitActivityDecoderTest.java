package org.fitsync.adapter.files.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;
import org.junit.jupiter.api.Test;

class FitActivityDecoderTest {

    private static final int UINT8 = 0x02;
    private static final int ENUM = 0x00;
    private static final int UINT16 = 0x84;
    private static final int SINT32 = 0x85;
    private static final int UINT32 = 0x86;
    private static final long T0 = 1_000_000_030L; // FIT seconds whose low five bits are 30

    @Test
    void readsABigEndianRunRecordWithPositionAndInvalidValues() {
        byte[] file = new FitFileBuilder()
                .definition(0, 0, true, 0, 1, ENUM, 1, 2, UINT16)
                .data(0)
                .value(4, 1)
                .value(294, 2)
                .definition(1, 18, true, 5, 1, ENUM, 2, 4, UINT32, 7, 4, UINT32)
                .data(1)
                .value(1, 1)
                .value(T0, 4)
                .value(61_500, 4)
                .definition(2, 20, true, 253, 4, UINT32, 0, 4, SINT32, 1, 4, SINT32, 3, 1, UINT8, 4, 1, UINT8)
                .data(2)
                .value(T0, 4)
                .value(626_349_397, 4)
                .value(-159_868_227, 4)
                .value(150, 1)
                .value(88, 1)
                .data(2)
                .value(T0 + 1, 4)
                .value(0x7FFF_FFFF, 4)
                .value(0x7FFF_FFFF, 4)
                .value(0xFF, 1)
                .value(0xFF, 1)
                .build();

        ActivityRecording run = read(file);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.manufacturer()).contains("coros");
        assertThat(run.start()).isEqualTo(Instant.ofEpochSecond(T0 + FitProfile.FIT_EPOCH_S));
        assertThat(run.elapsedS()).isEqualTo(62); // 61.5 s rounded
        RecordedSample first = run.samples().get(0);
        assertThat(first.lat().getAsDouble()).isCloseTo(52.5, within(1e-6));
        assertThat(first.lon().getAsDouble()).isCloseTo(-13.4, within(1e-6));
        assertThat(first.heartRate().getAsDouble()).isEqualTo(150);
        assertThat(first.cadence().getAsDouble()).isEqualTo(176);
        RecordedSample second = run.samples().get(1);
        assertThat(second.hasPosition()).isFalse();
        assertThat(second.heartRate()).isEmpty();
        assertThat(second.cadence()).isEmpty();
    }

    @Test
    void compressedTimestampsRollOverTheirFiveBits() {
        byte[] file = new FitFileBuilder()
                .definition(0, 20, false, 253, 4, UINT32, 3, 1, UINT8)
                .data(0)
                .value(T0, 4)
                .value(100, 1)
                .definition(1, 20, false, 3, 1, UINT8)
                .compressedTimestamp(1, 31)
                .value(101, 1) // T0 + 1
                .compressedTimestamp(1, 2)
                .value(102, 1) // past the rollover: T0 + 4
                .build();

        ActivityRecording recording = read(file);

        assertThat(recording.samples())
                .extracting(RecordedSample::epochMs)
                .containsExactly(millis(T0), millis(T0 + 1), millis(T0 + 4));
        assertThat(recording.kind().sport()).isEqualTo("unknown"); // no session, no sport message
        assertThat(recording.elapsedS()).isEqualTo(4); // the samples' span when no session states one
    }

    @Test
    void aDataMessageBeforeItsDefinitionIsCorrupt() {
        byte[] file = new FitFileBuilder().data(3).value(1, 1).build();

        assertThat(FitActivityDecoder.decode(file, 100))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("corrupt"));
    }

    @Test
    void aFitFileThatIsNoActivityIsUnsupported() {
        byte[] settings = new FitFileBuilder()
                .definition(0, 0, false, 0, 1, ENUM)
                .data(0)
                .value(2, 1)
                .build();

        assertThat(FitActivityDecoder.decode(settings, 100))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("unsupported"));
    }

    @Test
    void developerFieldsAreSkippedByTheirDeclaredSize() {
        // A record definition with the developer flag and one 3-byte developer field, then two records.
        byte[] body = new byte[] {
            0x60,
            0,
            0,
            20,
            0,
            2,
            (byte) 253,
            4,
            (byte) UINT32,
            3,
            1,
            UINT8,
            1,
            0,
            3,
            0,
            0x00,
            0x1E,
            (byte) 0xCA,
            (byte) 0x9A,
            0x3B,
            (byte) 140,
            9,
            9,
            9,
            0x00,
            0x1F,
            (byte) 0xCA,
            (byte) 0x9A,
            0x3B,
            (byte) 141,
            9,
            9,
            9
        };

        ActivityRecording recording = read(withBody(body));

        assertThat(recording.samples())
                .extracting(s -> s.heartRate().getAsDouble())
                .containsExactly(140.0, 141.0);
    }

    @Test
    void runningSportsAreRunsWhateverTheirSubSport() {
        for (int subSport : new int[] {0, 1, 2, 3, 4, 45, 58}) {
            byte[] file = new FitFileBuilder()
                    .definition(0, 18, false, 5, 1, ENUM, 6, 1, ENUM, 2, 4, UINT32)
                    .data(0)
                    .value(1, 1)
                    .value(subSport, 1)
                    .value(T0, 4)
                    .build();
            assertThat(read(file).kind().run()).as("sub-sport %d", subSport).isTrue();
        }
    }

    private static byte[] withBody(byte[] body) {
        FitFileBuilder builder = new FitFileBuilder();
        byte[] empty = builder.build();
        byte[] file = new byte[14 + body.length + 2];
        System.arraycopy(empty, 0, file, 0, 14);
        file[4] = (byte) body.length;
        file[12] = 0;
        file[13] = 0;
        System.arraycopy(body, 0, file, 14, body.length);
        int crc = FitCrc.of(file, 0, 14 + body.length);
        file[14 + body.length] = (byte) crc;
        file[15 + body.length] = (byte) (crc >> 8);
        return file;
    }

    private static long millis(long fitSeconds) {
        return (fitSeconds + FitProfile.FIT_EPOCH_S) * 1000;
    }

    private static ActivityRecording read(byte[] file) {
        FileReading reading = FitActivityDecoder.decode(file, 1000);
        assertThat(reading).isInstanceOf(FileReading.Read.class);
        return ((FileReading.Read) reading).recording();
    }
}

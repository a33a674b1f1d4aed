package org.fitsync.adapter.files.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.fitsync.adapter.files.ActivityFileReader;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.junit.jupiter.api.Test;

/**
 * Property-style: any prefix of a valid FIT file, and any damage behind a CRC recomputed to match it (so
 * that the decoder, not the CRC, meets it), is answered without an exception. Seeded, so a failure
 * repeats.
 */
class FitTruncationProperties {

    private final ActivityFileReader reader = new ActivityFileReader();
    private final byte[] run = sample("run-hr-cadence-devfield.fit");

    @Test
    void everyPrefixIsUnreadableAndNeverThrows() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            int length = i < 40 ? i : random.nextInt(run.length);
            FileReading reading = reader.read(new ByteArrayInputStream(Arrays.copyOf(run, length)), FileFormat.FIT);
            assertThat(reading).as("prefix of %d bytes", length).isInstanceOf(FileReading.Unreadable.class);
        }
    }

    @Test
    void damageBehindAMatchingCrcNeverThrows() throws IOException {
        Random random = new Random(11);
        int headerSize = run[0];
        int dataEnd = run.length - 2;
        for (int i = 0; i < 500; i++) {
            byte[] damaged = run.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                damaged[headerSize + random.nextInt(dataEnd - headerSize)] = (byte) random.nextInt(256);
            }
            int crc = FitCrc.of(damaged, 0, dataEnd);
            damaged[dataEnd] = (byte) crc;
            damaged[dataEnd + 1] = (byte) (crc >> 8);

            FileReading reading = reader.read(new ByteArrayInputStream(damaged), FileFormat.FIT);

            assertThat(reading).isNotNull();
            if (reading instanceof FileReading.Unreadable unreadable) {
                assertThat(unreadable.type()).isIn("corrupt", "too_large", "unsupported", "empty");
            }
        }
    }

    private static byte[] sample(String name) {
        try (InputStream in = FitTruncationProperties.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.fitsync.adapter.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever arrives is answered with a reason, quickly and in bounded memory, never with an exception. */
class HostileInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private final ActivityFileReader reader = new ActivityFileReader();
    private final byte[] run = Samples.bytes("run-hr-cadence-devfield.fit");

    @Test
    void anEmptyFileIsEmpty() {
        for (FileFormat format : new FileFormat[] {FileFormat.FIT, FileFormat.GPX, FileFormat.TCX}) {
            assertUnreadable(new byte[0], format, "empty");
        }
    }

    @Test
    void aGzipOfNothingIsEmpty() throws IOException {
        assertUnreadable(SampleFilesTest.gzip(new byte[0]), FileFormat.GPX, "empty");
    }

    @Test
    void randomBytesAreCorrupt() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        assertUnreadable(noise, FileFormat.FIT, "corrupt");
        assertUnreadable(noise, FileFormat.GPX, "corrupt");
        assertUnreadable(noise, FileFormat.TCX, "corrupt");
    }

    @Test
    void aTruncatedFitFileIsTruncated() {
        assertUnreadable(Arrays.copyOf(run, run.length / 2), FileFormat.FIT, "truncated");
        assertUnreadable(Arrays.copyOf(run, 7), FileFormat.FIT, "truncated");
    }

    @Test
    void aFitFileWhoseContentDoesNotMatchItsCrcIsCorrupt() {
        byte[] damaged = run.clone();
        damaged[run.length / 2] ^= 0x10;
        assertUnreadable(damaged, FileFormat.FIT, "corrupt");
    }

    @Test
    void aFitHeaderWhoseCrcDoesNotMatchIsCorrupt() {
        byte[] damaged = run.clone();
        assertThat(damaged[0]).isEqualTo((byte) 14);
        damaged[12] ^= 0x01;
        damaged[13] ^= 0x01;
        assertUnreadable(damaged, FileFormat.FIT, "corrupt");
    }

    @Test
    void aFitFileDeclaringFarMoreDataThanItHoldsIsTruncatedWithoutAllocatingIt() {
        byte[] liar = run.clone();
        liar[4] = (byte) 0xF0;
        liar[5] = (byte) 0xFF;
        liar[6] = (byte) 0xFF;
        liar[7] = (byte) 0xFF; // about 4 GiB
        liar[12] = 0;
        liar[13] = 0; // a header CRC of 0 is "not computed", so the size is what is wrong
        assertUnreadable(liar, FileFormat.FIT, "truncated");
    }

    @Test
    void aFitFileBeyondTheSizeLimitIsTooLarge() throws IOException {
        ActivityFileReader small =
                new ActivityFileReader(ActivityFileLimits.defaults().withMaxFileBytes(10_000));
        assertThat(small.read(new ByteArrayInputStream(run), FileFormat.FIT))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("too_large"));
    }

    @Test
    void moreSamplesThanTheLimitAreTooLarge() throws IOException {
        ActivityFileReader few =
                new ActivityFileReader(ActivityFileLimits.defaults().withMaxSamples(100));
        assertThat(few.read(new ByteArrayInputStream(run), FileFormat.FIT))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("too_large"));
        assertThat(few.read(new ByteArrayInputStream(Samples.bytes("run-gpsbabel.gpx.gz")), FileFormat.GPX))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("too_large"));
    }

    @Test
    void aGzipBombStopsAtTheLimit() throws IOException {
        // 128 MiB of zeros, or of spaces inside a GPX document, compress to about 128 KiB each; the reader
        // stops after its 64 MiB limit.
        assertUnreadable(bomb(new byte[0], (byte) 0, new byte[0]), FileFormat.FIT, "too_large");
        byte[] gpx = bomb("<gpx version=\"1.1\">".getBytes(UTF_8), (byte) ' ', "</gpx>".getBytes(UTF_8));
        assertUnreadable(gpx, FileFormat.GPX, "too_large");
    }

    private static byte[] bomb(byte[] head, byte filler, byte[] tail) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(head);
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, filler);
            for (int i = 0; i < 128; i++) {
                gz.write(block);
            }
            gz.write(tail);
        }
        return compressed.toByteArray();
    }

    @Test
    void aTruncatedGzipIsTruncated() {
        byte[] gpx = Samples.bytes("run-gpsbabel.gpx.gz");
        assertUnreadable(Arrays.copyOf(gpx, gpx.length / 2), FileFormat.GPX, "truncated");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
            }
            xml.append("\">\n");
        }
        xml.append("]>\n<gpx version=\"1.1\"><metadata><name>&lol9;</name></metadata></gpx>");
        assertUnreadable(xml.toString().getBytes(UTF_8), FileFormat.GPX, "unsafe_xml");
        assertUnreadable(
                xml.toString().replace("gpx", "TrainingCenterDatabase").getBytes(UTF_8), FileFormat.TCX, "unsafe_xml");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<gpx version=\"1.1\"><trk><name>&xxe;</name><trkseg><trkpt lat=\"1\" lon=\"2\">"
                + "<time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>";

        FileReading.Unreadable refused = assertUnreadable(xml.getBytes(UTF_8), FileFormat.GPX, "unsafe_xml");

        assertThat(refused.detail()).doesNotContain("TOP-SECRET");
    }

    @Test
    void anExternalDtdIsNeverFetched(@TempDir Path dir) throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"LEAKED\">");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE TrainingCenterDatabase SYSTEM \"" + dtd.toUri() + "\">\n"
                + "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Notes>&leak;</Notes>"
                + "</Activity></Activities></TrainingCenterDatabase>";

        FileReading.Unreadable refused = assertUnreadable(xml.getBytes(UTF_8), FileFormat.TCX, "unsafe_xml");

        assertThat(refused.detail()).doesNotContain("LEAKED");
    }

    @Test
    void deeplyNestedJunkIsCorrupt() {
        String xml = "<gpx>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</gpx>";
        assertUnreadable(xml.getBytes(UTF_8), FileFormat.GPX, "corrupt");
    }

    @Test
    void malformedXmlIsCorruptAndItsDetailQuotesNothing() {
        String xml = "<gpx><trk><name>PRIVATE-NAME</trk></gpx>";
        FileReading.Unreadable refused = assertUnreadable(xml.getBytes(UTF_8), FileFormat.GPX, "corrupt");
        assertThat(refused.detail()).doesNotContain("PRIVATE").doesNotContain("name");
    }

    @Test
    void anotherXmlDocumentIsUnsupported() {
        assertUnreadable("<kml><Document/></kml>".getBytes(UTF_8), FileFormat.GPX, "unsupported");
        assertUnreadable("<gpx version=\"1.1\"/>".getBytes(UTF_8), FileFormat.TCX, "unsupported");
    }

    @Test
    void aGpxFileGivenAsFitIsCorrupt() {
        assertUnreadable(Samples.bytes("run-gpsbabel.gpx.gz"), FileFormat.FIT, "corrupt");
    }

    private FileReading.Unreadable assertUnreadable(byte[] bytes, FileFormat format, String type) {
        FileReading reading =
                assertTimeoutPreemptively(QUICKLY, () -> reader.read(new ByteArrayInputStream(bytes), format));
        assertThat(reading).isInstanceOf(FileReading.Unreadable.class);
        FileReading.Unreadable unreadable = (FileReading.Unreadable) reading;
        assertThat(unreadable.type()).as(unreadable.detail()).isEqualTo(type);
        return unreadable;
    }
}

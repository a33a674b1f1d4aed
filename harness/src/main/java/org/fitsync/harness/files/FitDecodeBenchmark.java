package org.fitsync.harness.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fitsync.adapter.files.ActivityFileLimits;
import org.fitsync.adapter.files.fit.FitActivityDecoder;
import org.fitsync.domain.files.FileReading;

/**
 * FitSync's FIT decoder against Garmin's JavaScript FIT SDK (docs/benchmarks.md, "Activity files"): the
 * same files, decoded in the same run, in alternating rounds (java, node, java, node, ...) so both see the
 * same background load on a shared machine; warm-up rounds of each are discarded. The node side is
 * bench/fit-decode.mjs, one process for the whole run, told over stdin when to run a round.
 * System properties: bench.fit.samples (the FIT samples' directory), bench.fit.dir (where the set is
 * written), bench.fit.script (bench/fit-decode.mjs), bench.node (node), bench.fit.warmup (warm-up rounds
 * per side, 3), bench.fit.rounds (4), bench.fit.seconds (seconds per round, 5).
 */
public final class FitDecodeBenchmark {

    private static final String HOUR_FILE = "run-1h-1hz-hr-cadence.fit";

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(System.getProperty("bench.fit.samples", "adapter-files/src/test/resources/samples"));
        Path dir = Path.of(System.getProperty("bench.fit.dir", "harness/target/fit-decode"));
        Path script = Path.of(System.getProperty("bench.fit.script", "bench/fit-decode.mjs"));
        int warmup = Integer.getInteger("bench.fit.warmup", 3);
        int rounds = Integer.getInteger("bench.fit.rounds", 4);
        double seconds = Double.parseDouble(System.getProperty("bench.fit.seconds", "5"));

        List<FitFile> files = writeSet(samples, dir);
        try (NodeFitDecoder node = NodeFitDecoder.start(System.getProperty("bench.node", "node"), script, dir)) {
            System.out.printf(
                    Locale.ROOT,
                    "FIT decode benchmark: %d files, FitSync's decoder (Java %s) vs @garmin/fitsdk (node %s),"
                            + " %d warm-up + %d measured rounds of %.0f s each, alternating%n",
                    files.size(),
                    Runtime.version(),
                    node.version(),
                    warmup,
                    rounds,
                    seconds);
            for (FitFile file : files) {
                int records = node.records(file.name());
                System.out.printf(
                        Locale.ROOT,
                        "  %-32s %8d bytes  FitSync %5d samples, fitsdk %5d records%n",
                        file.name(),
                        file.bytes().length,
                        samplesOf(file),
                        records);
                if (records != samplesOf(file)) {
                    throw new IllegalStateException(file.name() + ": the decoders disagree on the record count");
                }
            }
            for (int i = 0; i < warmup; i++) {
                round(files, seconds);
                node.round(seconds);
            }
            Rate java = Rate.ZERO;
            Rate vendor = Rate.ZERO;
            List<String> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Rate j = round(files, seconds);
                Rate n = node.round(seconds);
                java = java.plus(j);
                vendor = vendor.plus(n);
                ratios.add(String.format(Locale.ROOT, "%.2f", j.megabytesPerSecond() / n.megabytesPerSecond()));
            }
            print("FitSync (Java)    ", java);
            print("@garmin/fitsdk    ", vendor);
            System.out.printf(
                    Locale.ROOT,
                    "Java / fitsdk     : %.2fx (rounds: %s)%n",
                    java.megabytesPerSecond() / vendor.megabytesPerSecond(),
                    String.join(", ", ratios));
        }
    }

    /** A file of the set: its name and bytes. */
    @SuppressWarnings("ArrayRecordComponent") // read-only bytes, never compared
    record FitFile(String name, byte[] bytes) {}

    /** The FIT samples plus a one-hour 1 Hz run with heart rate and cadence, written to {@code dir} for both sides. */
    private static List<FitFile> writeSet(Path samples, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> sampleFiles = Files.list(samples)) {
            for (Path sample : sampleFiles
                    .filter(p -> p.getFileName().toString().endsWith(".fit"))
                    .toList()) {
                Files.copy(
                        sample, dir.resolve(sample.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.write(dir.resolve(HOUR_FILE), FitRunWriter.run(Instant.parse("2024-05-01T06:00:00Z"), 3600));
        // Sorted by name, as the node side orders them: both decode the same sequence.
        try (Stream<Path> all = Files.list(dir)) {
            List<FitFile> files = new ArrayList<>();
            for (Path p : all.filter(p -> p.getFileName().toString().endsWith(".fit"))
                    .sorted()
                    .toList()) {
                files.add(new FitFile(p.getFileName().toString(), Files.readAllBytes(p)));
            }
            return files;
        }
    }

    /**
     * What FitSync does with an uploaded FIT file before making a run of it: header and CRC checks, every
     * message read, the activity's file_id, session, sport and record messages turned into its recording.
     */
    private static int samplesOf(FitFile file) {
        FileReading reading = FitActivityDecoder.decode(file.bytes(), ActivityFileLimits.DEFAULT_MAX_SAMPLES);
        if (reading instanceof FileReading.Read read) {
            return read.recording().samples().size();
        }
        throw new IllegalStateException(file.name() + " is unreadable: " + reading);
    }

    /** Whole passes over the set until {@code seconds} passed, like the node side's rounds. */
    private static Rate round(List<FitFile> files, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long decodes = 0;
        long bytes = 0;
        long records = 0; // used, so the JIT cannot drop the decoding
        do {
            for (FitFile file : files) {
                records += samplesOf(file);
                bytes += file.bytes().length;
                decodes++;
            }
        } while (System.nanoTime() < deadline);
        return new Rate(decodes, bytes, (System.nanoTime() - start) / 1e9, records);
    }

    private static void print(String label, Rate rate) {
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f MB/s, %.0f files/s (%d decodes, %d records in %.1f s)%n",
                label,
                rate.megabytesPerSecond(),
                rate.decodes() / rate.seconds(),
                rate.decodes(),
                rate.records(),
                rate.seconds());
    }
}

package org.fitsync.client.jvm.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.RecordState;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.sqlite.SQLiteConfig;

/**
 * Local durable writes per second: one app write per transaction (a record put as the client core makes
 * it: a local version and a save), with synchronous=FULL (what the store uses) against NORMAL (which may
 * lose the last commits on power loss), after a warm-up. Not a test: run it by hand, on the disk the
 * numbers are for.
 *
 * <pre>
 * java -cp "$(cat cp.txt):sync-client-jvm/target/classes:sync-client-jvm/target/test-classes" \
 *     org.fitsync.client.jvm.sqlite.LocalWriteBenchmark [directory] [seconds]
 * </pre>
 */
public final class LocalWriteBenchmark {

    private LocalWriteBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : "target/local-write-benchmark");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Files.createDirectories(base);
        System.out.printf("directory %s, %.0f s per measurement after %.0f s of warm-up%n", base, seconds, seconds / 2);
        for (SQLiteConfig.SynchronousMode mode :
                List.of(SQLiteConfig.SynchronousMode.FULL, SQLiteConfig.SynchronousMode.NORMAL)) {
            Path dir = Files.createTempDirectory(base, mode.name().toLowerCase(java.util.Locale.ROOT));
            try (LocalStore store = new SqliteStores(dir, mode).open("benchmark")) {
                measure(store, seconds / 2);
                double perSecond = measure(store, seconds);
                System.out.printf(
                        "WAL + synchronous=%-6s %8.0f durable writes/s (%.3f ms each)%n",
                        mode, perSecond, 1_000 / perSecond);
            } finally {
                delete(dir);
            }
        }
    }

    private static double measure(LocalStore store, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long writes = 0;
        while (System.nanoTime() < end) {
            long n = writes++;
            store.write(tx -> {
                long version = tx.nextLocalVersion();
                tx.save(record("w" + (n % 5_000), version));
                return null;
            });
        }
        return writes / ((System.nanoTime() - start) / 1e9);
    }

    private static LocalRecord record(String id, long version) {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("name", new Value.Text("Leg day " + version));
        values.put("notes", new Value.Text("Squats 5x5, felt strong"));
        values.put("started_at", new Value.Num(1.7e12 + version));
        values.put("ended_at", new Value.Num(1.7e12 + version + 3_600_000));
        return new LocalRecord(
                "workouts",
                new RecordId(id),
                values,
                1_700_000_000_000L,
                1_700_000_000_000L + version,
                RecordState.UPDATED,
                Set.of("name", "notes"),
                version,
                0,
                0,
                Optional.empty());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }
}

package org.fitsync.phone;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.client.FitSyncClient;
import org.fitsync.domain.sync.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Test data for the end-to-end tests and the benchmark: many workouts, in batches or one write each. */
@Command(name = "generate", hidden = true, description = "Create many workouts locally (tests and benchmarks).")
final class GenerateCommand extends PhoneCommand {

    @Option(names = "--count", required = true)
    int count;

    @Option(names = "--prefix", defaultValue = "g-")
    String prefix;

    @Option(names = "--batch", defaultValue = "1", description = "Records per local transaction")
    int batch;

    @Override
    int run(FitSyncClient client) {
        long t0 = System.nanoTime();
        for (int from = 0; from < count; from += batch) {
            Map<String, Map<String, Value>> records = new LinkedHashMap<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                records.put(
                        prefix + i,
                        Map.of(
                                "name", new Value.Text("Generated " + i),
                                "started_at", new Value.Num(1_795_158_000_000d + i * 60_000d)));
            }
            client.putAll("workouts", records);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out().printf(
                        java.util.Locale.ROOT,
                        "generated %d records in %.3f s (%.0f durable transactions/s)%n",
                        count,
                        seconds,
                        Math.ceil((double) count / batch) / seconds);
        return 0;
    }
}

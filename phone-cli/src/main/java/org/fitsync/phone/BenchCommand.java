package org.fitsync.phone;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.domain.sync.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sync client's benchmark, run by {@code harness}'s {@code ClientSyncBenchmark} in a JVM of the heap
 * it is given: a first sync into a scratch store warms the JVM up, then the measured first sync, durable
 * single writes, batched writes, and the push of those. Prints {@code key=value} lines.
 */
@Command(name = "bench", hidden = true, description = "The sync client's benchmark (harness -Pbench-client).")
final class BenchCommand extends PhoneCommand {

    @Option(names = "--scratch", required = true, description = "Data directory for the warm-up first sync")
    Path scratch;

    @Option(names = "--writes", defaultValue = "2000", description = "Durable single-record writes to time")
    int writes;

    @Option(names = "--push", defaultValue = "10000", description = "Local changes to push")
    int push;

    @Override
    int run(FitSyncClient client) throws Exception {
        PhoneOptions warmOptions = new PhoneOptions();
        warmOptions.data = scratch;
        warmOptions.server = options.server;
        warmOptions.user = options.user;
        warmOptions.token = options.token;
        try (FitSyncClient warm = Phone.open(warmOptions)) {
            long t0 = System.nanoTime();
            SyncStatus status = warm.syncNow().get(30, TimeUnit.MINUTES);
            report("warmup_first_sync_s", seconds(t0));
            check(status);
        }

        long t0 = System.nanoTime();
        SyncStatus first = client.syncNow().get(30, TimeUnit.MINUTES);
        double firstSeconds = seconds(t0);
        check(first);
        report("first_sync_s", firstSeconds);
        report("peak_heap_mb_after_first_sync", peakHeapMb());
        out().println("first_sync_records=" + count(client));

        t0 = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            client.put(
                    "body_measurements",
                    "single-" + i,
                    Map.of("kind", new Value.Text("weight"), "value", new Value.Num(70 + i % 10)));
        }
        report("durable_single_writes_per_s", writes / seconds(t0));

        t0 = System.nanoTime();
        for (int from = 0; from < push; from += 1_000) {
            Map<String, Map<String, Value>> batch = new LinkedHashMap<>();
            for (int i = from; i < Math.min(push, from + 1_000); i++) {
                batch.put("bulk-" + i, Map.of("name", new Value.Text("Bulk " + i)));
            }
            client.putAll("workouts", batch);
        }
        report("batched_writes_per_s", push / seconds(t0));

        t0 = System.nanoTime();
        SyncStatus pushed = client.pushNow().get(30, TimeUnit.MINUTES);
        report("push_s", seconds(t0));
        check(pushed);
        report("pushed_changes", writes + push);
        report("peak_heap_mb", peakHeapMb());
        report("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
        return 0;
    }

    private static long count(FitSyncClient client) {
        long count = 0;
        org.fitsync.client.local.RecordQuery query = org.fitsync.client.local.RecordQuery.all("workouts", 10_000);
        while (true) {
            var page = client.query(query);
            count += page.size();
            if (page.size() < 10_000) {
                return count;
            }
            query = query.after(page.get(page.size() - 1).id().value());
        }
    }

    private void check(SyncStatus status) {
        if (status.pendingCount() != 0 || status.lastError().isPresent()) {
            throw new IllegalStateException("the sync did not complete: " + Printer.status(status));
        }
    }

    private void report(String key, double value) {
        out().printf(Locale.ROOT, "%s=%.3f%n", key, value);
        out().flush();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed())
                        .sum()
                / 1048576.0;
    }
}

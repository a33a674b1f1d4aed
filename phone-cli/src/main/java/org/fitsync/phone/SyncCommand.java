package org.fitsync.phone;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", description = "Sync now and print the status it ended in (exit 0 when everything was sent).")
final class SyncCommand extends PhoneCommand {

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up waiting after this (ISO-8601 duration)")
    Duration timeout;

    @Option(names = "--timing", description = "Also print the sync's wall time and the JVM's peak heap")
    boolean timing;

    @Override
    int run(FitSyncClient client) throws Exception {
        long t0 = System.nanoTime();
        SyncStatus end = client.syncNow().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        out().println(Printer.status(end));
        if (timing) {
            long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            out().printf(
                            java.util.Locale.ROOT,
                            "elapsed_ms=%d peak_heap_mb=%.1f max_heap_mb=%.1f%n",
                            elapsedMs,
                            peak / 1048576.0,
                            Runtime.getRuntime().maxMemory() / 1048576.0);
        }
        return end.state() == SyncState.IDLE && end.pendingCount() == 0 ? 0 : 3;
    }
}

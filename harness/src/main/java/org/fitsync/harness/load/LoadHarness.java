package org.fitsync.harness.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.auth.TokenIssuer;

/**
 * The load harness (docs/operations.md, "Load and capacity"): starts the FitSync jar as a separate process on a
 * fresh embedded database, seeds a history for each of N users, then runs N concurrent simulated
 * phone apps (one user each) for a bounded time and reports throughput, latency percentiles and
 * errors per operation. Any error fails the run. Settings: see {@link LoadSettings}.
 */
public final class LoadHarness {

    private static final int SEED_THREADS = 8;

    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        System.out.printf(
                Locale.ROOT,
                "FitSync load: %d clients, %d s warm-up + %d s measured, think time %d ms (mean), "
                        + "pool %s, HTTP threads %s, further settings %s, mix %s%n",
                settings.clients(),
                settings.warmupSeconds(),
                settings.seconds(),
                settings.thinkMillis(),
                settings.poolSize().map(String::valueOf).orElse("default"),
                settings.httpThreads().map(String::valueOf).orElse("default"),
                settings.serverEnvironment().isEmpty() ? "none" : settings.serverEnvironment(),
                OperationMix.PERCENT);
        LoadResult result;
        try (LoadServer server = LoadServer.start(settings)) {
            Thread stopOnInterrupt = new Thread(server::close, "load-server-stop");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            try {
                result = run(settings, server);
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            }
        }
        result.print(System.out);
        if (result.failed()) {
            throw new IllegalStateException(
                    "load run failed: " + result.recorder().errorCount() + " errors, " + result.serverErrorLines()
                            + " ERROR lines in the server log");
        }
    }

    private static LoadResult run(LoadSettings settings, LoadServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ObjectMapper json = Json.newMapper();
        Recorder recorder = new Recorder();
        SimulatedClient.Context context =
                new SimulatedClient.Context(http, json, server.base(), recorder, settings.thinkMillis());
        TokenIssuer issuer = new TokenIssuer(server.jwtSecret(), Clock.systemUTC());
        List<SimulatedClient> clients = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            clients.add(
                    new SimulatedClient(context, i, issuer.issue("load-user-" + i, List.of(), Duration.ofHours(6))));
        }
        long seedStart = System.nanoTime();
        seed(clients);
        System.out.printf(
                Locale.ROOT,
                "Seeded %d users' history in %.1f s%n",
                clients.size(),
                (System.nanoTime() - seedStart) / 1e9);

        long start = System.nanoTime();
        long measureFrom = start + settings.warmupSeconds() * 1_000_000_000L;
        long stopAt = measureFrom + settings.seconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Thread thread = new Thread(clients.get(i).window(measureFrom, stopAt), "load-client-" + i);
            thread.setUncaughtExceptionHandler((t, e) -> recorder.clientCrashed(t.getName(), e));
            thread.start();
            threads.add(thread);
        }
        sleepUntil(measureFrom);
        ServerMetrics metricsBefore = ServerMetrics.scrape(http, server.base());
        Usage usageBefore = Usage.of(server);
        sleepUntil(stopAt);
        ServerMetrics metricsAfter = ServerMetrics.scrape(http, server.base());
        Usage usage = Usage.of(server).minus(usageBefore);
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not finish its last request within 60 s");
            }
        }
        return new LoadResult(settings, recorder, usage, metricsBefore, metricsAfter, server.logLinesAtLevel("ERROR"));
    }

    /** Seeds several users at a time: the history is set-up, not load, and is not measured. */
    private static void seed(List<SimulatedClient> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<Void>> seeded = new ArrayList<>();
            for (SimulatedClient client : clients) {
                seeded.add(pool.submit((Callable<Void>) () -> {
                    client.seed();
                    return null;
                }));
            }
            for (Future<Void> done : seeded) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** CPU time used by the server JVM, its PostgreSQL and this harness (the clients). */
    record Usage(Duration server, Duration postgres, Duration clients, long wallNanos) {

        static Usage of(LoadServer server) {
            return new Usage(
                    server.jvmCpu(),
                    server.postgresCpu(),
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO),
                    System.nanoTime());
        }

        Usage minus(Usage before) {
            return new Usage(
                    server.minus(before.server),
                    postgres.minus(before.postgres),
                    clients.minus(before.clients),
                    wallNanos - before.wallNanos);
        }

        double cores(Duration cpu) {
            return cpu.toNanos() / (double) wallNanos;
        }
    }

    /** The figures of one run, printed as a table. */
    record LoadResult(
            LoadSettings settings,
            Recorder recorder,
            Usage usage,
            ServerMetrics before,
            ServerMetrics after,
            long serverErrorLines) {

        boolean failed() {
            return recorder.errorCount() > 0 || serverErrorLines != 0;
        }

        void print(java.io.PrintStream out) {
            double seconds = settings.seconds();
            out.printf(
                    Locale.ROOT,
                    "%n%-18s %7s %8s %8s %8s %8s %8s %7s%n",
                    "operation",
                    "count",
                    "ops/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "max ms",
                    "errors");
            for (Operation operation : Operation.values()) {
                row(out, operation.label(), recorder.sorted(operation), seconds, recorder.errorCount(operation));
            }
            row(out, "all", recorder.sortedAll(), seconds, recorder.errorCount());
            for (Map.Entry<String, Integer> error : recorder.errors().entrySet()) {
                out.printf(
                        Locale.ROOT,
                        "  error %s x%d, first: %s%n",
                        error.getKey(),
                        error.getValue(),
                        recorder.firstErrorBodies().get(error.getKey()));
            }
            double serverCores = usage.cores(usage.server()) + usage.cores(usage.postgres());
            out.printf(
                    Locale.ROOT,
                    "CPU (cores busy, of %d): server JVM %.2f, PostgreSQL %.2f, clients %.2f; "
                            + "%.0f operations per CPU-second of server and PostgreSQL%n",
                    Runtime.getRuntime().availableProcessors(),
                    usage.cores(usage.server()),
                    usage.cores(usage.postgres()),
                    usage.cores(usage.clients()),
                    serverCores == 0 ? 0 : recorder.sortedAll().length / seconds / serverCores);
            // Builds with the fair line time the wait there; older ones only in the pool.
            String waits = after.get("fitsync_database_connection_wait_seconds_count") > 0
                    ? "fitsync_database_connection_wait_seconds"
                    : "hikaricp_connections_acquire_seconds";
            double acquires = after.since(before, waits + "_count");
            double acquireSeconds = after.since(before, waits + "_sum");
            double uses = after.since(before, "hikaricp_connections_usage_seconds_count");
            double usageSeconds = after.since(before, "hikaricp_connections_usage_seconds_sum");
            out.printf(
                    Locale.ROOT,
                    "Pool (%d connections): %.0f checkouts, wait for a connection mean %.2f ms, "
                            + "held mean %.2f ms, in use on average %.2f (Little's law: checkouts/s x hold time), "
                            + "timeouts %.0f%n",
                    (int) after.get("hikaricp_connections_max"),
                    acquires,
                    acquires == 0 ? 0 : 1000 * acquireSeconds / acquires,
                    uses == 0 ? 0 : 1000 * usageSeconds / uses,
                    usageSeconds / seconds,
                    after.since(before, "hikaricp_connections_timeout_total")
                            + after.since(before, "fitsync_database_connection_timeouts_total"));
            out.printf(
                    Locale.ROOT,
                    "Server: %.0f live threads at the end; %d ERROR lines in its log%n",
                    after.get("jvm_threads_live_threads"),
                    serverErrorLines);
            long[] all = recorder.sortedAll();
            out.printf(
                    Locale.ROOT,
                    "README row: | %s | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f + %.2f | %.0f | %d |%n",
                    settings.poolSize().map(String::valueOf).orElse("default"),
                    settings.httpThreads().map(String::valueOf).orElse("default"),
                    all.length / seconds,
                    Recorder.percentileMillis(recorder.sorted(Operation.SYNC_PULL), 0.99),
                    Recorder.percentileMillis(recorder.sorted(Operation.SYNC_PUSH), 0.99),
                    Recorder.percentileMillis(recorder.sorted(Operation.STEPS_INGEST), 0.99),
                    Recorder.percentileMillis(recorder.sorted(Operation.RUN_SUBMIT), 0.99),
                    Recorder.percentileMillis(all, 0.99),
                    usage.cores(usage.server()),
                    usage.cores(usage.postgres()),
                    serverCores == 0 ? 0 : all.length / seconds / serverCores,
                    recorder.errorCount());
        }

        private static void row(java.io.PrintStream out, String label, long[] sorted, double seconds, int errors) {
            out.printf(
                    Locale.ROOT,
                    "%-18s %7d %8.1f %8.1f %8.1f %8.1f %8.1f %7d%n",
                    label,
                    sorted.length,
                    sorted.length / seconds,
                    Recorder.percentileMillis(sorted, 0.50),
                    Recorder.percentileMillis(sorted, 0.95),
                    Recorder.percentileMillis(sorted, 0.99),
                    Recorder.percentileMillis(sorted, 1.0),
                    errors);
        }
    }
}

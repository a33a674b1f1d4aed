package org.fitsync.harness.crashkill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.fitsync.harness.process.FitSyncJar;

/**
 * The crash-kill harness (docs/testing.md, "Crash-kill"): the real server jar as a separate process, clients that
 * push sync batches and submit runs, SIGKILLs of the server (alone, together with its PostgreSQL as in a
 * machine crash, and during start-up) at random moments, restarts, clients resending every request whose
 * response they did not get, and at the end a reconciliation of what the server holds against what the
 * clients intended. Exits with an exception (non-zero) on any mismatch.
 * System properties: crash.kills (20, plus the start-up kills), crash.users (4), crash.minUptimeMs (1000), crash.maxUptimeMs (3000),
 * crash.seed (random), crash.jar (app/target/fitsync.jar).
 */
public final class CrashKillHarness {

    /** Share of restarts that are themselves killed during start-up, before the server is ready. */
    private static final double STARTUP_KILL_SHARE = 0.2;

    public static void main(String[] args) throws Exception {
        CrashSettings settings = CrashSettings.fromSystemProperties();
        Path workDir = Files.createTempDirectory("fitsync-crash-");
        System.out.printf(
                Locale.ROOT,
                "FitSync crash-kill: %d kills, %d users, uptime %d-%d ms, seed %d, work dir %s%n",
                settings.kills(),
                settings.users(),
                settings.minUptimeMs(),
                settings.maxUptimeMs(),
                settings.seed(),
                workDir);
        HarnessStats stats = new HarnessStats();
        Map<KillKind, Integer> kills = new EnumMap<>(KillKind.class);
        List<Reconciler.Checked> checked = new ArrayList<>();
        long t0 = System.nanoTime();
        boolean postgresLeftAfterStop;
        ServerUnderTest server = new ServerUnderTest(settings, workDir);
        Thread cleanup = new Thread(server::close, "crash-kill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            // The very first start is killed too: a kill while the database cluster is being created.
            long firstDelay = 300L + new Random(settings.seed() + 1).nextInt(3_000);
            server.startAndKillAfter(firstDelay);
            kills.merge(KillKind.STARTUP, 1, Integer::sum);
            System.out.printf(Locale.ROOT, "kill  1: STARTUP %4d ms into the very first start%n", firstDelay);
            server.start();
            RetryingClient client = new RetryingClient(server, stats, settings.requestTimeoutMs());
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < settings.users(); u++) {
                tokens.add(token(settings, server.dataDir(), user(u)));
            }
            AtomicBoolean stop = new AtomicBoolean();
            // Daemon threads: a failed run must end even with clients still waiting for the server.
            ExecutorService pool = Executors.newFixedThreadPool(settings.users(), task -> {
                Thread thread = new Thread(task, "crash-client");
                thread.setDaemon(true);
                return thread;
            });
            List<Future<ClientLedger>> clients = new ArrayList<>();
            for (int u = 0; u < settings.users(); u++) {
                clients.add(pool.submit(
                        new CrashClient(user(u), tokens.get(u), client, stats, settings.seed() * 31 + u, stop)));
            }
            killRepeatedly(settings, server, kills, clients);
            stop.set(true);
            List<ClientLedger> ledgers = new ArrayList<>();
            for (Future<ClientLedger> f : clients) {
                ledgers.add(f.get(10, TimeUnit.MINUTES));
            }
            pool.shutdown();
            System.out.println("Reconciling...");
            Reconciler reconciler = new Reconciler(client, stats);
            for (int u = 0; u < ledgers.size(); u++) {
                checked.add(reconciler.reconcile(ledgers.get(u), tokens.get(u)));
            }
            postgresLeftAfterStop = server.stopGracefully();
            if (postgresLeftAfterStop) {
                stats.finding("SIGTERM stopped the server but left its PostgreSQL running");
            }
        } finally {
            server.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary(stats, kills, checked, server.startMillis(), seconds);
        List<String> findings = stats.findings();
        if (!findings.isEmpty()) {
            throw new IllegalStateException(
                    "crash-kill: " + findings.size() + " mismatches; server logs in " + workDir);
        }
        deleteRecursively(workDir);
    }

    private static void killRepeatedly(
            CrashSettings settings,
            ServerUnderTest server,
            Map<KillKind, Integer> kills,
            List<Future<ClientLedger>> clients)
            throws Exception {
        Random random = new Random(settings.seed());
        List<KillKind> plan = new ArrayList<>();
        for (int i = 0; i < settings.kills(); i++) {
            plan.add(i % 2 == 0 ? KillKind.JVM : KillKind.MACHINE);
        }
        Collections.shuffle(plan, random);
        for (KillKind kind : plan) {
            long uptime = settings.minUptimeMs()
                    + (long) (random.nextDouble() * (settings.maxUptimeMs() - settings.minUptimeMs()));
            Thread.sleep(uptime);
            for (Future<ClientLedger> f : clients) {
                if (f.isDone()) {
                    f.get(); // a client that died: its exception ends the run
                }
            }
            int processes = server.kill(kind);
            kills.merge(kind, 1, Integer::sum);
            System.out.printf(
                    Locale.ROOT,
                    "kill %2d: %-7s after %4d ms up (%d processes)%n",
                    kills.values().stream().mapToInt(Integer::intValue).sum(),
                    kind,
                    uptime,
                    processes);
            if (random.nextDouble() < STARTUP_KILL_SHARE) {
                long delay = 300L + random.nextInt(4_000);
                server.startAndKillAfter(delay);
                kills.merge(KillKind.STARTUP, 1, Integer::sum);
                System.out.printf(
                        Locale.ROOT,
                        "kill %2d: STARTUP %4d ms into start-up%n",
                        kills.values().stream().mapToInt(Integer::intValue).sum(),
                        delay);
            }
            server.start();
        }
    }

    private static String user(int index) {
        return "crash-user-" + index;
    }

    /** A token from the jar's own {@code token} command, which signs with the secret in the data dir. */
    private static String token(CrashSettings settings, Path dataDir, String user) throws Exception {
        String out = FitSyncJar.at(settings.jar())
                .run(Map.of("FITSYNC_DATA_DIR", dataDir.toString()), "token", "--user", user);
        if (out.isEmpty()) {
            throw new IllegalStateException("token command printed no token for " + user);
        }
        return out;
    }

    private static void summary(
            HarnessStats stats,
            Map<KillKind, Integer> kills,
            List<Reconciler.Checked> checked,
            List<Long> startMillis,
            double seconds) {
        int totalKills = kills.values().stream().mapToInt(Integer::intValue).sum();
        List<Long> sorted = startMillis.stream().sorted().toList();
        System.out.println();
        System.out.println("FitSync crash-kill summary");
        System.out.printf(
                Locale.ROOT,
                "  kills              : %d (JVM only %d, JVM + PostgreSQL %d, during start-up %d)%n",
                totalKills,
                kills.getOrDefault(KillKind.JVM, 0),
                kills.getOrDefault(KillKind.MACHINE, 0),
                kills.getOrDefault(KillKind.STARTUP, 0));
        System.out.printf(
                Locale.ROOT,
                "  restarts to ready  : %d, median %d ms, max %d ms%n",
                sorted.size(),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
        System.out.printf(
                Locale.ROOT,
                "  requests sent      : %d (%d acknowledged, %d responses lost, %d resent, %d acknowledged after a resend)%n",
                stats.requests.get(),
                stats.acknowledged.get(),
                stats.lostResponses.get(),
                stats.retries.get(),
                stats.retriedToSuccess.get());
        System.out.printf(
                Locale.ROOT,
                "  resent, found done : %d (a resent run answered 200 or a resent DELETE 404: the lost response's write had committed)%n",
                stats.resentAlreadyApplied.get());
        System.out.printf(
                Locale.ROOT,
                "  writes             : %d sync pushes (%d record changes), %d runs, %d run patches, %d run deletes; %d pulls%n",
                stats.pushes.get(),
                stats.pushedRecordChanges.get(),
                stats.runsSubmitted.get(),
                stats.runPatches.get(),
                stats.runDeletes.get(),
                stats.pulls.get());
        System.out.printf(
                Locale.ROOT,
                "  checked            : %d live records, %d deleted records, %d runs (%d track points), %d deleted runs%n",
                checked.stream().mapToInt(Reconciler.Checked::records).sum(),
                checked.stream().mapToInt(Reconciler.Checked::deletedRecords).sum(),
                checked.stream().mapToInt(Reconciler.Checked::runs).sum(),
                checked.stream().mapToLong(Reconciler.Checked::points).sum(),
                checked.stream().mapToInt(Reconciler.Checked::deletedRuns).sum());
        System.out.printf(
                Locale.ROOT,
                "  server errors (5xx): %d, hung requests: %d%n",
                stats.serverErrors.get(),
                stats.hungRequests.get());
        System.out.printf(
                Locale.ROOT, "  mismatches         : %d%n", stats.findings().size());
        System.out.printf(
                Locale.ROOT,
                "  result             : %s in %.0f s%n",
                stats.findings().isEmpty() ? "PASSED" : "FAILED",
                seconds);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.fitsync.harness.crashkill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.PostgresProcesses;
import org.fitsync.harness.process.ServerProcess;

/**
 * The real {@code fitsync.jar serve} as a separate OS process on one data directory, started again and
 * again on a new free port. Clients ask it for the current base URL and wait while it is down.
 */
final class ServerUnderTest implements AutoCloseable {

    /** Start-up is fast to compile and small: the server is restarted dozens of times on a shared machine. */
    private static final List<String> JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    private static final Duration GRACE = Duration.ofSeconds(60);

    private final CrashSettings settings;
    private final FitSyncJar jar;
    private final Path dataDir;
    private final Path logDir;
    private final PostgresProcesses postgres;
    private final List<Long> startMillis = new ArrayList<>();
    private ServerProcess process;
    private int launches;
    private String baseUrl;
    private long generation;

    ServerUnderTest(CrashSettings settings, Path workDir) {
        this.settings = settings;
        this.jar = FitSyncJar.at(settings.jar());
        this.dataDir = workDir.resolve("data");
        this.logDir = workDir.resolve("logs");
        this.postgres = new PostgresProcesses(dataDir.resolve("postgres").toAbsolutePath());
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    PostgresProcesses postgres() {
        return postgres;
    }

    /** Starts the server and waits until {@code /health/ready} answers 200. */
    void start() throws InterruptedException {
        long t0 = System.nanoTime();
        ServerProcess started = launch();
        try {
            started.awaitReady(Duration.ofMillis(settings.readyTimeoutMs()));
        } catch (InterruptedException | RuntimeException e) {
            started.kill();
            throw e;
        }
        String url = started.base().toString();
        synchronized (this) {
            process = started;
            baseUrl = url;
            generation++;
            notifyAll();
        }
        startMillis.add((System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts the server and SIGKILLs it after {@code delayMs}, whether or not it is ready by then. */
    void startAndKillAfter(long delayMs) throws InterruptedException {
        ServerProcess started = launch();
        if (!started.awaitExit(Duration.ofMillis(delayMs))) {
            started.kill();
        }
    }

    /** Kills the running server; clients see it as down from before the kill. */
    int kill(KillKind kind) throws InterruptedException {
        ServerProcess victim = takeProcess();
        if (kind != KillKind.MACHINE) {
            victim.kill();
            return 1;
        }
        // Every PostgreSQL process, backends of the JVM's open connections included, is found before
        // anything dies, so that all of them die within a millisecond as in a machine crash.
        List<ProcessHandle> database = postgres.all();
        if (database.isEmpty()) {
            throw new IllegalStateException("no live postmaster found to kill in " + dataDir);
        }
        victim.signalKill();
        int killed = PostgresProcesses.kill(database);
        victim.kill();
        return 1 + killed;
    }

    /** The base URL of the running server, waiting while it is down; empty after {@code timeoutMs}. */
    synchronized Optional<Up> awaitUp(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (baseUrl == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(left);
        }
        return Optional.of(new Up(baseUrl, generation));
    }

    /** Whether the server that answered for {@code up} is still the running one. */
    synchronized boolean stillUp(Up up) {
        return baseUrl != null && generation == up.generation();
    }

    /** SIGTERM: the server must stop its embedded PostgreSQL too. Returns whether one was left running. */
    boolean stopGracefully() throws InterruptedException {
        ServerProcess victim = takeProcess();
        if (victim != null) {
            victim.stop(GRACE);
        }
        return postgres.postmaster().isPresent();
    }

    /** The running server's process, which from now on counts as down; {@code null} when none runs. */
    private synchronized ServerProcess takeProcess() {
        ServerProcess running = process;
        process = null;
        baseUrl = null;
        return running;
    }

    List<Long> startMillis() {
        return List.copyOf(startMillis);
    }

    /** Kills whatever is still running (also after a failure), never anything outside this data directory. */
    @Override
    public void close() {
        ServerProcess victim = takeProcess();
        if (victim != null) {
            victim.signalKill();
            try {
                victim.awaitExit(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.killAll();
    }

    private ServerProcess launch() {
        launches++;
        Map<String, String> env = Map.of(
                "FITSYNC_DATA_DIR", dataDir.toString(),
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "0",
                "FITSYNC_LOG_LEVEL", "WARN",
                "FITSYNC_WEATHER", "off");
        return jar.serve(JVM_ARGS, env, logDir.resolve(String.format(Locale.ROOT, "server-%03d.log", launches)));
    }

    /** One incarnation of the server: its URL and which start it was. */
    record Up(String baseUrl, long generation) {}
}

package org.fitsync.app.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code fitsync.jar serve} as a separate OS process on one data directory, started again and
 * again on a new free port. Clients ask it for the current base URL and wait while it is down.
 */
final class ServerUnderTest implements AutoCloseable {

    private final CrashSettings settings;
    private final Path dataDir;
    private final Path logDir;
    private final PostgresProcesses postgres;
    private final HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Long> startMillis = new ArrayList<>();
    private Process process;
    private int launches;
    private String baseUrl;
    private long generation;

    ServerUnderTest(CrashSettings settings, Path workDir) {
        this.settings = settings;
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
    void start() {
        long t0 = System.nanoTime();
        int port = freePort();
        Process started = launch(port);
        String url = "http://127.0.0.1:" + port;
        awaitReady(started, url);
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
        Process started = launch(freePort());
        if (!started.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
            started.destroyForcibly().waitFor();
        }
    }

    /** Kills the running server; clients see it as down from before the kill. */
    int kill(KillKind kind) throws InterruptedException {
        Process victim = takeProcess();
        if (kind != KillKind.MACHINE) {
            victim.destroyForcibly().waitFor();
            return 1;
        }
        // Every PostgreSQL process, backends of the JVM's open connections included, is found before
        // anything dies, so that all of them die within a millisecond as in a machine crash.
        List<ProcessHandle> database = postgres.all();
        if (database.isEmpty()) {
            throw new IllegalStateException("no live postmaster found to kill in " + dataDir);
        }
        victim.destroyForcibly();
        int killed = PostgresProcesses.kill(database);
        victim.waitFor();
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
        Process victim = takeProcess();
        if (victim != null) {
            victim.destroy();
            if (!victim.waitFor(60, TimeUnit.SECONDS)) {
                victim.destroyForcibly().waitFor();
            }
        }
        return postgres.postmaster().isPresent();
    }

    /** The running server's process, which from now on counts as down; {@code null} when none runs. */
    private synchronized Process takeProcess() {
        Process running = process;
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
        Process victim = takeProcess();
        if (victim != null) {
            victim.destroyForcibly();
            try {
                victim.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.killAll();
    }

    private Process launch(int port) {
        launches++;
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-jar", settings.jar().toString(), "serve");
        builder.environment().put("FITSYNC_DATA_DIR", dataDir.toString());
        builder.environment().put("FITSYNC_PORT", Integer.toString(port));
        builder.environment().put("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "0");
        builder.environment().put("FITSYNC_LOG_LEVEL", "WARN");
        builder.environment().put("FITSYNC_WEATHER", "off");
        builder.redirectErrorStream(true);
        builder.redirectOutput(logDir.resolve(String.format(Locale.ROOT, "server-%03d.log", launches)).toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + settings.jar(), e);
        }
    }

    private void awaitReady(Process started, String url) {
        long deadline = System.currentTimeMillis() + settings.readyTimeoutMs();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.currentTimeMillis() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("server exited with " + started.exitValue() + " while starting; log: "
                        + logDir.resolve(String.format(Locale.ROOT, "server-%03d.log", launches)));
            }
            try {
                if (probe.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
            sleep(100);
        }
        started.destroyForcibly();
        throw new IllegalStateException("server not ready within " + settings.readyTimeoutMs() + " ms; log: "
                + logDir.resolve(String.format(Locale.ROOT, "server-%03d.log", launches)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One incarnation of the server: its URL and which start it was. */
    record Up(String baseUrl, long generation) {}
}

package org.fitsync.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code fitsync.jar serve} process started by {@link FitSyncJar#serve}: its port, its log, and the
 * ways it ends (SIGTERM with a grace period, or SIGKILL). Closing it stops it with SIGTERM, which lets
 * the server stop its embedded PostgreSQL; its data directory is the harness's to keep or delete.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient probe = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until {@code /health/ready} answers 200. Fails, with the end of the server's log, when the
     * process exits first or {@code timeout} passes (the process is then left running: close or kill it).
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(base().resolve("/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " while starting; "
                        + "log " + log + ":\n" + logTail());
            }
            try {
                if (probe.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting: PostgreSQL's initdb or recovery and the migrations come first.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the server was not ready within " + timeout + "; log " + log + ":\n" + logTail());
    }

    /** Waits up to {@code timeout} for the process to exit on its own; returns whether it did. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** SIGKILL without waiting, for a kill that must land together with others (see {@link #awaitExit}). */
    public void signalKill() {
        process.destroyForcibly();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM; SIGKILL if the server has not stopped after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
            kill();
        }
    }

    /** CPU time of the server's JVM so far. */
    public Duration jvmCpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The last 30 lines of the server's log. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /** How many lines of the server's JSON log are at {@code level} (a 5xx logs its stack trace at ERROR); -1 if unreadable. */
    public long logLinesAtLevel(String level) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("\"level\":\"" + level + "\""))
                    .count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            stop(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.fitsync.harness.multinode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.ServerProcess;

/**
 * One FitSync node: {@code fitsync.jar serve} on a fixed port (HAProxy knows it by port), started again on the
 * same port after a stop or a kill, one log file per start.
 */
final class Node {

    /** Small heaps and a quick-to-compile JIT: three nodes share two cores with everything else. */
    static final List<String> JVM_ARGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private final int index;
    private final int port;
    private final FitSyncJar jar;
    private final Map<String, String> env;
    private final Path logDir;
    private final List<Path> logs = new ArrayList<>();
    private ServerProcess process;

    Node(int index, FitSyncJar jar, Map<String, String> env, Path logDir) {
        this.index = index;
        this.port = FitSyncJar.freePort();
        this.jar = jar;
        this.env = env;
        this.logDir = logDir;
    }

    /** 1-based, as HAProxy names it ({@code node1}). */
    int index() {
        return index;
    }

    String name() {
        return "node" + index;
    }

    int port() {
        return port;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    void launch() {
        Path log = logDir.resolve(name() + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        process = jar.serve(JVM_ARGS, env, log, port);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(timeout);
    }

    /** SIGTERM and wait for the process to end (SIGKILL if it has not after a minute). */
    void stop() throws InterruptedException {
        process.stop(Duration.ofSeconds(60));
    }

    /** SIGKILL, no grace: as when the machine or the JVM dies. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Whether this node's current log mentions {@code text} (an import worker's node id, say). */
    boolean currentLogMentions(String text) {
        try {
            return Files.readString(logs.get(logs.size() - 1), StandardCharsets.UTF_8)
                    .contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** {@code ERROR} lines in every log of this node. */
    long errorLines() {
        long count = 0;
        for (Path log : logs) {
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                count += lines.filter(l -> l.contains("\"level\":\"ERROR\"")).count();
            } catch (IOException | UncheckedIOException e) {
                count++;
            }
        }
        return count;
    }

    void closeQuietly() {
        if (process != null) {
            process.close();
        }
    }
}

package org.fitsync.app.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The FitSync jar running as its own process ({@code java -jar fitsync.jar serve}) on a fresh
 * embedded database in a temporary data directory and a free port, so the clients' CPU and heap
 * stay out of the server's JVM. Closing it stops the server with SIGTERM (which stops its
 * PostgreSQL) and deletes the data directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final URI base;
    private final String jwtSecret;

    private ServerProcess(Process process, Path dataDir, Path log, URI base, String jwtSecret) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.base = base;
        this.jwtSecret = jwtSecret;
    }

    static ServerProcess start(LoadSettings settings) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " is missing: build it with ./mvnw -B -q -DskipTests package");
        }
        Path dataDir = Files.createTempDirectory("fitsync-load-");
        Path log = dataDir.resolve("server.log");
        int port = freePort();
        String secret = randomSecret();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.serverJvmArgs());
        command.addAll(List.of("-jar", settings.jar().toAbsolutePath().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the harness's settings reach the server, not whatever FITSYNC_* the caller's shell has.
        builder.environment().keySet().removeIf(name -> name.startsWith("FITSYNC_"));
        builder.environment().put("FITSYNC_PORT", Integer.toString(port));
        builder.environment().put("FITSYNC_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("FITSYNC_JWT_SECRET", secret);
        builder.environment().put("FITSYNC_WEATHER", "off");
        settings.poolSize().ifPresent(size -> builder.environment().put("FITSYNC_DATABASE_POOL_SIZE", size.toString()));
        settings.httpThreads().ifPresent(threads -> builder.environment().put("FITSYNC_HTTP_THREADS", threads.toString()));
        ServerProcess server = new ServerProcess(builder.start(), dataDir, log, URI.create("http://localhost:" + port), secret);
        try {
            server.awaitReady();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> ready = probe.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting: PostgreSQL initdb and migrations come first.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    URI base() {
        return base;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    /** CPU time of the server's JVM so far. */
    Duration jvmCpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** CPU time of the embedded PostgreSQL (postmaster and its live backends) so far, where the OS tells it. */
    Duration postgresCpu() {
        return postmaster().map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus))
                .orElse(Duration.ZERO);
    }

    /** PostgreSQL daemonises away from the server JVM; its data directory names its pid. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("data").resolve("postgres").resolve("postmaster.pid");
        try {
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
            return ProcessHandle.of(Long.parseLong(firstLine));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /** Counts of server log lines at WARN or ERROR level (a 5xx logs its stack trace at ERROR). */
    long logLinesAtLevel(String level) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("\"level\":\"" + level + "\"")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        Optional<ProcessHandle> postgres = postmaster();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // The server's shutdown stops PostgreSQL; if it was killed instead, stop it here.
            if (postgres.isPresent() && postgres.get().isAlive()) {
                postgres.get().destroy();
                postgres.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.err.println("embedded PostgreSQL did not stop: " + e);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.fitsync.harness.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.PostgresProcesses;
import org.fitsync.harness.process.ServerProcess;

/**
 * The server under load: the jar's own process on a fresh embedded database in a temporary data
 * directory, with the settings under test. Closing it stops the server with SIGTERM (which stops its
 * PostgreSQL, or this does if the server could not) and deletes the data directory.
 */
final class LoadServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ServerProcess process;
    private final Path dataDir;
    private final PostgresProcesses postgres;
    private final String jwtSecret;

    private LoadServer(ServerProcess process, Path dataDir, String jwtSecret) {
        this.process = process;
        this.dataDir = dataDir;
        this.postgres = new PostgresProcesses(dataDir.resolve("data").resolve("postgres"));
        this.jwtSecret = jwtSecret;
    }

    static LoadServer start(LoadSettings settings) throws IOException, InterruptedException {
        FitSyncJar jar = FitSyncJar.at(settings.jar());
        Path dataDir = Files.createTempDirectory("fitsync-load-");
        String secret = randomSecret();
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_DATA_DIR", dataDir.resolve("data").toString());
        env.put("FITSYNC_JWT_SECRET", secret);
        env.put("FITSYNC_WEATHER", "off");
        settings.poolSize().ifPresent(size -> env.put("FITSYNC_DATABASE_POOL_SIZE", size.toString()));
        settings.httpThreads().ifPresent(threads -> env.put("FITSYNC_HTTP_THREADS", threads.toString()));
        env.putAll(settings.serverEnvironment());
        LoadServer server = new LoadServer(
                jar.serve(settings.serverJvmArgs(), env, dataDir.resolve("server.log")), dataDir, secret);
        try {
            server.process.awaitReady(START_TIMEOUT);
            return server;
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    URI base() {
        return process.base();
    }

    String jwtSecret() {
        return jwtSecret;
    }

    /** CPU time of the server's JVM so far. */
    Duration jvmCpu() {
        return process.jvmCpu();
    }

    /** CPU time of the embedded PostgreSQL (postmaster and its live backends) so far. */
    Duration postgresCpu() {
        return postgres.cpu();
    }

    long logLinesAtLevel(String level) {
        return process.logLinesAtLevel(level);
    }

    @Override
    public void close() {
        // Found before the server stops: a clean stop removes the pid file, a kill leaves PostgreSQL running.
        Optional<ProcessHandle> postmaster = postgres.postmaster();
        try {
            process.close();
            if (postmaster.isPresent() && postmaster.get().isAlive()) {
                postmaster.get().destroy();
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
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

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

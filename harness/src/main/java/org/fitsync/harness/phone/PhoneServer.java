package org.fitsync.harness.phone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.ServerProcess;

/**
 * The packaged server as the phones see it: always on the same port and data directory, so it can be
 * killed and started again while the phones keep their server URL.
 */
public final class PhoneServer implements AutoCloseable {

    private static final List<String> JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    private final FitSyncJar jar;
    private final Path dataDir;
    private final Path logDir;
    private final int port = FitSyncJar.freePort();
    private final Map<String, String> extraEnv;
    private ServerProcess process;
    private int launches;

    public PhoneServer(FitSyncJar jar, Path workDir, Map<String, String> extraEnv) throws java.io.IOException {
        this.jar = jar;
        this.dataDir = workDir.resolve("server-data");
        this.logDir = Files.createDirectories(workDir.resolve("server-logs"));
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void start() throws InterruptedException {
        launches++;
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "FITSYNC_DATA_DIR", dataDir.toString(),
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "0",
                "FITSYNC_LOG_LEVEL", "WARN",
                "FITSYNC_WEATHER", "off"));
        env.putAll(extraEnv);
        process =
                jar.serve(JVM_ARGS, env, logDir.resolve(String.format(Locale.ROOT, "server-%03d.log", launches)), port);
        try {
            process.awaitReady(Duration.ofMinutes(3));
        } catch (InterruptedException | RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    /** SIGKILL of the server's JVM (its embedded PostgreSQL stays and is taken over by the next start). */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public boolean isUp() {
        return process != null;
    }

    /** A token for {@code user}, signed by the jar's own {@code token} command with this server's secret. */
    public String token(String user) throws Exception {
        String out = jar.run(Map.of("FITSYNC_DATA_DIR", dataDir.toString()), "token", "--user", user, "--ttl", "24h");
        if (out.isEmpty()) {
            throw new IllegalStateException("token command printed no token");
        }
        return out;
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                process.stop(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}

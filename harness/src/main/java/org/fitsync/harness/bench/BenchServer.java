package org.fitsync.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.ServerProcess;

/**
 * FitSync as it is deployed, for the benchmark: {@code java -jar fitsync.jar serve} in its own JVM
 * against the benchmark's database, so that the clients in the benchmark's JVM share neither its heap,
 * garbage collector nor JIT compiler, and the server's CPU time is its own.
 */
public final class BenchServer implements AutoCloseable {

    private static final String JWT_SECRET = "fitsync-bench-secret-0123456789-abcdefghijklmnop";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final ServerProcess process;
    private final TokenIssuer tokens = new TokenIssuer(JWT_SECRET, Clock.systemUTC());

    private BenchServer(ServerProcess process) {
        this.process = process;
    }

    /** The jar of system property {@code bench.jar}; server JVM options from {@code bench.server.jvmArgs}. */
    public static BenchServer start(DatabaseSettings db) throws IOException, InterruptedException {
        return start(db, Map.of());
    }

    /** As {@link #start(DatabaseSettings)} with more {@code FITSYNC_*} settings (they win over the defaults). */
    public static BenchServer start(DatabaseSettings db, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(db, settings, FitSyncJar.fromProperty("bench.jar"));
    }

    /** As {@link #start(DatabaseSettings, Map)} from another build's {@code jar} (a baseline). */
    public static BenchServer start(DatabaseSettings db, Map<String, String> settings, FitSyncJar jar)
            throws IOException, InterruptedException {
        byte[] tokenKey = new byte[32];
        new SecureRandom().nextBytes(tokenKey);
        // e.g. -Dbench.server.jvmArgs="-XX:StartFlightRecording=filename=server.jfr" to profile the server alone
        String jvmArgs = System.getProperty("bench.server.jvmArgs", "").trim();
        Map<String, String> env = new HashMap<>(Map.of(
                "FITSYNC_DATABASE_URL", db.jdbcUrl(),
                "FITSYNC_DATABASE_USER", db.appUser(),
                "FITSYNC_DATABASE_PASSWORD", db.appPassword(),
                "FITSYNC_DATABASE_OWNER_USER", db.ownerUser(),
                "FITSYNC_DATABASE_OWNER_PASSWORD", db.ownerPassword(),
                "FITSYNC_JWT_SECRET", JWT_SECRET,
                "FITSYNC_TOKEN_KEY", Base64.getEncoder().encodeToString(tokenKey),
                "FITSYNC_DATA_DIR", Files.createTempDirectory("fitsync-bench").toString(),
                "FITSYNC_WEATHER", "off",
                // Nothing of a benchmark goes to the internet, and a file worker would wait on Nominatim's
                // one-request-a-second spacing after every uploaded run.
                "FITSYNC_GEOCODER", "off"));
        env.putAll(settings);
        Path log = Files.createTempFile("fitsync-bench-server", ".log");
        System.out.println("Server log: " + log);
        BenchServer server =
                new BenchServer(jar.serve(jvmArgs.isEmpty() ? List.of() : List.of(jvmArgs.split("\\s+")), env, log));
        try {
            server.process.awaitReady(START_TIMEOUT);
            return server;
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return process.port();
    }

    public long pid() {
        return process.pid();
    }

    public String token(String user) {
        return tokens.issue(user, List.of(), Duration.ofHours(2));
    }

    @Override
    public void close() {
        try {
            process.stop(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

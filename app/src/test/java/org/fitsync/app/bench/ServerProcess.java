package org.fitsync.app.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.postgres.DatabaseSettings;

/**
 * FitSync as it is deployed, for the benchmark: {@code java -jar app/target/fitsync.jar serve} in
 * its own JVM on a free port, against a given database. Clients in the benchmark's JVM then cannot
 * share the server's heap, garbage collector or JIT compiler, and the server's CPU time is its own.
 */
final class ServerProcess implements AutoCloseable {

    private static final String JWT_SECRET = "fitsync-bench-secret-0123456789-abcdefghijklmnop";

    private final Process process;
    private final int port;
    private final TokenIssuer tokens = new TokenIssuer(JWT_SECRET, Clock.systemUTC());

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(DatabaseSettings db) throws IOException, InterruptedException {
        Path jar = List.of(Path.of("app/target/fitsync.jar"), Path.of("target/fitsync.jar")).stream()
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("app/target/fitsync.jar is missing: build with the package phase"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        byte[] tokenKey = new byte[32];
        new SecureRandom().nextBytes(tokenKey);
        Path log = Files.createTempFile("fitsync-bench-server", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // e.g. -Dbench.server.jvmArgs="-XX:StartFlightRecording=filename=server.jfr" to profile the server alone
        String jvmArgs = System.getProperty("bench.server.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of(
                "FITSYNC_PORT", Integer.toString(port),
                "FITSYNC_DATABASE_URL", db.jdbcUrl(),
                "FITSYNC_DATABASE_USER", db.appUser(),
                "FITSYNC_DATABASE_PASSWORD", db.appPassword(),
                "FITSYNC_DATABASE_OWNER_USER", db.ownerUser(),
                "FITSYNC_DATABASE_OWNER_PASSWORD", db.ownerPassword(),
                "FITSYNC_JWT_SECRET", JWT_SECRET,
                "FITSYNC_TOKEN_KEY", Base64.getEncoder().encodeToString(tokenKey),
                "FITSYNC_DATA_DIR", Files.createTempDirectory("fitsync-bench").toString(),
                "FITSYNC_WEATHER", "off"));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("Server log: " + log);
        ServerProcess server = new ServerProcess(builder.start(), port);
        try {
            server.awaitReady(log);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited (" + process.exitValue() + "); its log: " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server was not ready within 120 s; its log: " + log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String token(String user) {
        return tokens.issue(user, List.of(), Duration.ofHours(2));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

package org.fitsync.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.ServerProcess;

/**
 * The packaged {@code fitsync.jar} on its embedded PostgreSQL in a fresh data directory, as a user starts it,
 * with map tiles pointed at a port nothing listens on (no test reaches the internet, and the map must draw
 * the route without tiles). Its API is called directly to seed data and to check what the app shows.
 */
final class RunningFitSync implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final FitSyncJar jar;
    private final ServerProcess server;
    private final Map<String, String> env;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningFitSync(FitSyncJar jar, ServerProcess server, Map<String, String> env) {
        this.jar = jar;
        this.server = server;
        this.env = env;
    }

    static RunningFitSync start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /**
     * As {@link #start()} with more settings (e.g. {@code FITSYNC_STRAVA_*}). The port is chosen first, so a
     * value may name the server's own address as {@code {base}} (e.g. {@code {base}/app/imports}), and
     * {@code FITSYNC_PUBLIC_URL} is that address unless given: URLs the server hands out (signed upload URLs,
     * the Strava callback) then name the origin the browser is on.
     */
    static RunningFitSync start(Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fitsync-browser");
        FitSyncJar jar = FitSyncJar.fromProperty("fitsync.jar");
        int port = FitSyncJar.freePort();
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(Map.of(
                "FITSYNC_DATA_DIR", dir.resolve("data").toString(),
                "FITSYNC_MAP_TILE_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png",
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "100000",
                // Every test signs in from 127.0.0.1: more than the default 10 links a minute per address.
                "FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE", "1000",
                "FITSYNC_LOG_FORMAT", "text"));
        env.put("FITSYNC_PUBLIC_URL", base);
        extraEnv.forEach((name, value) -> env.put(name, value.replace("{base}", base)));
        ServerProcess server = jar.serve(List.of("-Xmx512m"), env, dir.resolve("server.log"), port);
        try {
            server.awaitReady(Duration.ofMinutes(2));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return new RunningFitSync(jar, server, Map.copyOf(env));
    }

    URI base() {
        return server.base();
    }

    String url(String path) {
        return server.base() + path;
    }

    /** What {@code fitsync token --user … --link} prints for this server. */
    String signInLink(String user, String... roles) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                "token", "--user", user, "--link", "--base-url", server.base().toString()));
        for (String role : roles) {
            command.addAll(List.of("--role", role));
        }
        return jar.run(env, command.toArray(String[]::new));
    }

    String token(String user) throws IOException, InterruptedException {
        return jar.run(env, "token", "--user", user);
    }

    JsonNode call(String token, String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /**
     * Trades a printed sign-in link ({@link #signInLink}) at {@code POST /api/v1/auth/link} as the web app
     * does: the body of the answer, the session when the link is good, the problem when it is not.
     */
    JsonNode exchangeSignInLink(String link) throws IOException, InterruptedException {
        String secret = link.substring(link.indexOf("#link=") + "#link=".length());
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/auth/link")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("link", secret))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The problem+json body of a {@code GET} the server refuses. */
    JsonNode problem(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    String logTail() {
        return server.logTail();
    }

    @Override
    public void close() {
        server.close();
    }
}

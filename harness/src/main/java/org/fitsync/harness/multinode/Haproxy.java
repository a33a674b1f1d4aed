package org.fitsync.harness.multinode;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fitsync.harness.process.FitSyncJar;

/**
 * HAProxy from Debian's packages in front of the nodes, with a configuration written here (see
 * {@link #config}). It runs in the foreground as a child process; its statistics page tells the harness
 * which nodes it routes to.
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int statsPort;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Haproxy(Process process, int port, int statsPort, Path log) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
        this.log = log;
    }

    static Haproxy start(Path workDir, int port, List<Integer> nodePorts) throws IOException, InterruptedException {
        int statsPort = FitSyncJar.freePort();
        Path cfg = workDir.resolve("haproxy.cfg");
        Files.writeString(cfg, config(port, statsPort, nodePorts), StandardCharsets.UTF_8);
        Path log = workDir.resolve("haproxy.log");
        String binary = System.getProperty("multinode.haproxy", "haproxy");
        Process check = new ProcessBuilder(binary, "-c", "-q", "-f", cfg.toString())
                .redirectErrorStream(true)
                .start();
        String checkOut = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            throw new IllegalStateException("haproxy -c rejected " + cfg + ":\n" + checkOut);
        }
        Process process = new ProcessBuilder(binary, "-db", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Haproxy haproxy = new Haproxy(process, port, statsPort, log);
        haproxy.awaitAllUp(nodePorts.size(), Duration.ofSeconds(60));
        return haproxy;
    }

    /**
     * Round robin over the nodes, routed by {@code GET /health/ready} every 500 ms: one failed check takes a node
     * out, two good ones put it back, and a node back in rotation gets its share of requests over 5 s
     * ({@code slowstart}: a restarted JVM is cold). Retries only when a connection to a node could not be made
     * ({@code retry-on conn-failure}, to another node): the request never reached a node, so nothing is hidden;
     * a node that fails or cuts off a request it received is seen by the client as it happened. The server
     * side closes after each response ({@code http-server-close}) so no request rides on an idle connection a
     * stopping node is closing. When PostgreSQL is down every node is not ready; rather than answer for them,
     * the balancer then falls back to the same nodes as unchecked backups, which answer {@code 503} with
     * {@code Retry-After} themselves. {@code timeout tunnel} and the server timeout (above the nodes' event
     * heartbeat) keep Server-Sent Events streams open.
     */
    static String config(int port, int statsPort, List<Integer> nodePorts) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < nodePorts.size(); i++) {
            servers.append("    server node")
                    .append(i + 1)
                    .append(" 127.0.0.1:")
                    .append(nodePorts.get(i))
                    .append(" check\n");
        }
        for (int i = 0; i < nodePorts.size(); i++) {
            servers.append("    server node")
                    .append(i + 1)
                    .append("-fallback 127.0.0.1:")
                    .append(nodePorts.get(i))
                    .append(" backup\n");
        }
        return """
                global
                    maxconn 4000
                    log stdout format raw local0 info

                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    timeout http-keep-alive 10s
                    timeout queue 10s
                    option http-server-close
                    retries 2
                    option redispatch 1
                    retry-on conn-failure
                    default-server inter 500ms fastinter 500ms downinter 500ms fall 1 rise 2 slowstart 5s

                frontend fitsync
                    bind 127.0.0.1:%d
                    default_backend nodes

                backend nodes
                    balance roundrobin
                    option allbackups
                    option httpchk GET /health/ready
                    http-check expect status 200
                %s
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(port, servers, statsPort);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The checked (primary) servers HAProxy routes to now, by name, and whether each is {@code UP}. */
    Map<String, Boolean> primaries() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lines = response.body().lines().toList();
        List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        int backup = header.indexOf("bck");
        Map<String, Boolean> up = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length > status
                    && cells[0].equals("nodes")
                    && cells[name].startsWith("node")
                    && "0".equals(cells[backup])) {
                up.put(cells[name], cells[status].startsWith("UP"));
            }
        }
        return up;
    }

    /** Waits until HAProxy routes to this node (1-based) again. */
    void awaitUp(int node, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(primaries().get("node" + node))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HAProxy did not route to node" + node + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until HAProxy has taken this node (1-based) out of rotation. */
    void awaitDown(int node, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.FALSE.equals(primaries().get("node" + node))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HAProxy still routes to node" + node + " after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    void awaitAllUp(int nodes, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                Map<String, Boolean> up = primaries();
                if (up.size() == nodes && !up.containsValue(false)) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The stats listener comes up with the process.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HAProxy did not route to all " + nodes + " nodes within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            System.err.println("haproxy did not stop: " + e.getMessage());
        }
    }
}

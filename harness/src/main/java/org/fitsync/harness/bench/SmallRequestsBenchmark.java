package org.fitsync.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.harness.process.FitSyncJar;

/**
 * What a phone's everyday sync costs the server: a push of one changed record, and an incremental
 * pull that finds nothing new. These decide how many phones one node carries, more than bulk
 * throughput does. Each request's server CPU (the server's own JVM, JIT and GC apart) and
 * PostgreSQL CPU are read from /proc around timed rounds, with the latency seen by the client.
 *
 * <p>With {@code -Dbench.baselineJar=…} a second build runs beside this one, on a database of its own
 * that it migrates itself, and the two alternate round by round so that the machine's load falls on
 * both alike.
 */
public final class SmallRequestsBenchmark {

    private static final ObjectMapper JSON = Json.newMapper();
    /**
     * The write rate limit stays on (its check is part of every push's cost) but far above what the
     * benchmark's phones push.
     */
    private static final Map<String, String> UNLIMITED = Map.of("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "1000000");

    private SmallRequestsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.small.clients", 4);
        int requests = Integer.getInteger("bench.small.requests", 1_000);
        int rounds = Integer.getInteger("bench.small.rounds", 4);
        int warmup = Integer.getInteger("bench.small.warmup", 20_000);
        String baselineJar = System.getProperty("bench.baselineJar", "");
        System.out.printf(
                Locale.ROOT,
                "FitSync small requests: %d clients (one user each), %d requests per client and round, %d rounds,"
                        + " %d warm-up requests of each kind%n",
                clients,
                requests,
                rounds,
                warmup);
        List<Target> targets = new ArrayList<>();
        try {
            DatabaseSettings db = PostgresTestDatabase.fresh();
            targets.add(new Target("this build", db, BenchServer.start(db, UNLIMITED)));
            if (!baselineJar.isEmpty()) {
                DatabaseSettings baselineDb = PostgresTestDatabase.freshUnmigrated();
                targets.add(new Target(
                        "baseline " + baselineJar,
                        baselineDb,
                        BenchServer.start(baselineDb, UNLIMITED, FitSyncJar.at(Path.of(baselineJar)))));
            }
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            try {
                for (Target target : targets) {
                    target.prepare(clients);
                    target.warmUp(threads, warmup / clients);
                }
                for (int round = 0; round < rounds; round++) {
                    for (Target target : targets) {
                        target.push.add(target.round(threads, Kind.PUSH, requests));
                        target.pull.add(target.round(threads, Kind.PULL, requests));
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            for (Target target : targets) {
                target.report();
            }
        } finally {
            targets.forEach(Target::close);
            PostgresTestDatabase.shutDown();
        }
    }

    private enum Kind {
        PUSH("push of 1 record"),
        PULL("empty incremental pull");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One server under test, its clients' cursors and its measured rounds. */
    private static final class Target implements AutoCloseable {

        private final String name;
        private final BenchServer server;
        private final CpuMeter cpu;
        private final List<Device> devices = new ArrayList<>();
        final List<Round> push = new ArrayList<>();
        final List<Round> pull = new ArrayList<>();

        Target(String name, DatabaseSettings db, BenchServer server) {
            this.name = name;
            this.server = server;
            this.cpu = new CpuMeter(CpuMeter.postgresPort(db), server.pid());
        }

        void prepare(int clients) throws Exception {
            for (int c = 0; c < clients; c++) {
                devices.add(new Device(server, "small-" + c));
            }
        }

        /**
         * As many requests of each kind as the timed rounds will send several times over, then a wait
         * until the JIT compiler's queue is worked off, so the rounds time compiled code.
         */
        void warmUp(ExecutorService threads, int perClient) throws Exception {
            for (Kind kind : Kind.values()) {
                for (Device device : devices) {
                    device.prepare(kind, perClient);
                }
                run(threads, kind, perClient, new double[devices.size() * perClient]);
            }
            cpu.awaitCompilerIdle(Duration.ofSeconds(30));
        }

        Round round(ExecutorService threads, Kind kind, int perClient) throws Exception {
            double[] latencies = new double[devices.size() * perClient];
            for (Device device : devices) {
                device.prepare(kind, perClient);
            }
            CpuMeter.Reading before = cpu.now();
            long start = System.nanoTime();
            run(threads, kind, perClient, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Round(latencies, seconds, cpu.now().minus(before));
        }

        private void run(ExecutorService threads, Kind kind, int perClient, double[] latencies) throws Exception {
            List<Future<?>> running = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                Device device = devices.get(d);
                int offset = d * perClient;
                running.add(threads.submit(() -> {
                    device.send(kind, perClient, latencies, offset);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }

        void report() {
            System.out.println();
            System.out.println(name + ":");
            report(Kind.PUSH, push);
            report(Kind.PULL, pull);
        }

        private void report(Kind kind, List<Round> rounds) {
            double[] all = rounds.stream()
                    .flatMapToDouble(r -> Arrays.stream(r.latencies))
                    .sorted()
                    .toArray();
            double seconds = rounds.stream().mapToDouble(r -> r.seconds).sum();
            CpuMeter.Reading cpuUsed =
                    rounds.stream().map(r -> r.cpu).reduce(CpuMeter.Reading.ZERO, CpuMeter.Reading::plus);
            int count = all.length;
            System.out.printf(
                    Locale.ROOT,
                    "  %-24s %7.0f req/s  p50 %5.2f ms  p99 %5.2f ms  CPU per request: server %5.3f ms (JIT %5.3f,"
                            + " GC %5.3f), PostgreSQL %5.3f ms%n",
                    kind.label,
                    count / seconds,
                    percentile(all, 0.50),
                    percentile(all, 0.99),
                    cpuUsed.jvmNanos() / 1e6 / count,
                    cpuUsed.jitNanos() / 1e6 / count,
                    cpuUsed.gcNanos() / 1e6 / count,
                    cpuUsed.postgresNanos() / 1e6 / count);
        }

        @Override
        public void close() {
            for (Device device : devices) {
                try {
                    device.close();
                } catch (IOException e) {
                    // the run is over; the server is stopped next either way
                }
            }
            server.close();
        }
    }

    /** One timed round: each request's latency, the round's wall time and the CPU it cost. */
    // The latencies are read once, for percentiles; never compared or hashed.
    @SuppressWarnings("ArrayRecordComponent")
    private record Round(double[] latencies, double seconds, CpuMeter.Reading cpu) {}

    /**
     * A phone of its own user on one keep-alive connection. Its requests are prepared as bytes before
     * a round's clock starts: pushes of one new record each, and pulls from the cursor it last saw,
     * which nothing changes while it pulls.
     */
    private static final class Device implements AutoCloseable {

        private final BenchServer server;
        private final String token;
        private PlainHttpClient client;
        private final String prefix;
        private long cursor;
        private int written;
        private List<byte[]> pushes = List.of();
        private List<byte[]> pulls = List.of();

        Device(BenchServer server, String user) throws Exception {
            this.server = server;
            this.token = server.token(user);
            this.client = new PlainHttpClient(server.port());
            this.prefix = user + "-";
            PlainHttpClient.Response first =
                    client.send(PlainHttpClient.request("GET", server.port(), "/api/v1/sync", token, "", new byte[0]));
            cursor = timestamp(first);
        }

        /**
         * The requests of the next round, and a new connection for it: the server closes connections
         * idle for 30 s, as they are while the other build takes its turn.
         */
        void prepare(Kind kind, int count) throws Exception {
            client.close();
            client = new PlainHttpClient(server.port());
            List<byte[]> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                requests.add(kind == Kind.PUSH ? push() : pull());
            }
            if (kind == Kind.PUSH) {
                pushes = requests;
            } else {
                pulls = requests;
            }
        }

        private byte[] push() throws Exception {
            int n = written++;
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", prefix + n);
            record.put("key", "reminder-" + n);
            record.put("value", "07:30");
            Map<String, Object> body = Map.of(
                    "changes",
                    Map.of("settings", Map.of("created", List.of(record), "updated", List.of(), "deleted", List.of())),
                    "last_pulled_at",
                    cursor);
            return PlainHttpClient.post(server.port(), "/api/v1/sync", token, JSON.writeValueAsBytes(body));
        }

        private byte[] pull() {
            return PlainHttpClient.request(
                    "GET", server.port(), "/api/v1/sync?last_pulled_at=" + cursor, token, "", new byte[0]);
        }

        void send(Kind kind, int count, double[] latencies, int offset) throws Exception {
            List<byte[]> requests = kind == Kind.PUSH ? pushes : pulls;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                PlainHttpClient.Response response = client.send(requests.get(i));
                latencies[offset + i] = (System.nanoTime() - start) / 1e6;
                if (response.status() != 200) {
                    throw new IllegalStateException(kind.label + " answered " + response.status() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                if (kind == Kind.PUSH) {
                    cursor = Math.max(cursor, timestamp(response));
                }
            }
        }

        private static long timestamp(PlainHttpClient.Response response) throws Exception {
            JsonNode body = JSON.readTree(response.body());
            return body.path("timestamp").asLong();
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

package org.fitsync.harness.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.adapter.postgres.run.TrackCodec;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.app.testing.TestServer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.harness.bodies.JoggerTrack;
import org.jdbi.v3.core.Jdbi;

/**
 * Run ingestion benchmark (docs/benchmarks.md, "Run ingest"): 1-hour 1 Hz tracks (3,600 points) posted over HTTP by
 * concurrent clients, beside the raw JDBC insert rate of the same rows on the same database; the
 * bytes stored per GPS point; and the overlap lookup's time with 10 vs 100,000 runs of history.
 * System properties: bench.clients (8), bench.runs (runs per client, 25), bench.rounds (4), bench.warmup
 * (warm-up runs per client and batch, 100), bench.warmup.batches (at most, 80), bench.decimals (7), bench.server ({@code process}: the jar in its own JVM,
 * the default; {@code in-process}: a TestServer in this JVM), bench.jar (app/target/fitsync.jar), bench.server.jvmArgs.
 */
public final class RunIngestBenchmark {

    private static final int POINTS = 3600;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean BENCH_JVM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 8);
        int runsPerClient = Integer.getInteger("bench.runs", 25);
        int rounds = Math.max(1, Math.min(runsPerClient, Integer.getInteger("bench.rounds", 4)));
        int decimals = Integer.getInteger("bench.decimals", 7);
        int warmup = Integer.getInteger("bench.warmup", 100);
        int warmupBatches = Integer.getInteger("bench.warmup.batches", 80);
        System.out.printf(
                Locale.ROOT,
                "FitSync run ingest benchmark: %d clients x %d runs of %d points, %d-decimal coordinates,"
                        + " HTTP and raw JDBC alternating in %d rounds%n",
                clients,
                runsPerClient,
                POINTS,
                decimals,
                rounds);
        boolean inProcess = "in-process".equals(System.getProperty("bench.server", "process"));
        DatabaseSettings db = PostgresTestDatabase.fresh();
        try (Target server = inProcess ? Target.inProcess(db) : Target.process(db);
                RawClients rawClients = new RawClients(db, clients)) {
            System.out.println(
                    inProcess
                            ? "Server: in this JVM (TestServer)"
                            : "Server: java -jar app/target/fitsync.jar serve, its own JVM (pid " + server.pid() + ")");
            List<List<byte[]>> bodies = bodies(clients, runsPerClient, decimals, 0);
            List<List<NewRun>> rows = rows(bodies);
            List<List<List<Object[]>>> rowSlices = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int from = runsPerClient * round / rounds;
                int to = runsPerClient * (round + 1) / rounds;
                rowSlices.add(
                        prepare(rows.stream().map(r -> r.subList(from, to)).toList()));
            }
            CpuMeter cpu = new CpuMeter(CpuMeter.postgresPort(db), server.pid());
            int batches = warmUp(server, cpu, clients, warmup, warmupBatches, decimals);
            // The raw path's JDBC client is JIT-compiled too: it gets as many warm-up runs as the server did.
            for (int batch = 0; batch < batches; batch++) {
                rawClients.insert(
                        prepare(rows(bodies(clients, warmup, decimals, 500 + batch * warmup))),
                        "rawwarm" + batch + "-");
            }

            Phase http = new Phase();
            Phase raw = new Phase();
            double[] latencies = new double[clients * runsPerClient];
            List<String> roundRatios = new ArrayList<>();
            int done = 0;
            // Alternating short rounds expose both paths to the same background load on a shared machine.
            for (int round = 0; round < rounds; round++) {
                int from = runsPerClient * round / rounds;
                int to = runsPerClient * (round + 1) / rounds;
                List<List<byte[]>> slice =
                        bodies.stream().map(b -> b.subList(from, to)).toList();
                double[] roundLatencies = new double[clients * (to - from)];
                double httpSeconds;
                try (HttpRound httpRound = new HttpRound(server, slice, "client-")) {
                    httpSeconds = http.time(cpu, () -> httpRound.run(roundLatencies));
                }
                System.arraycopy(roundLatencies, 0, latencies, done, roundLatencies.length);
                done += roundLatencies.length;
                List<List<Object[]>> rowSlice = rowSlices.get(round);
                double rawSeconds = raw.time(cpu, () -> {
                    rawClients.insert(rowSlice, "raw" + from + "-");
                    return 0;
                });
                roundRatios.add(String.format(Locale.ROOT, "%.0f", 100 * rawSeconds / httpSeconds));
            }
            Arrays.sort(latencies);
            int runs = latencies.length;
            double httpRate = runs / http.seconds;
            double rawRate = runs / raw.seconds;

            System.out.printf(
                    Locale.ROOT,
                    "HTTP ingest : %.1f runs/s (%.0f points/s), latency p50 %.1f ms, p99 %.1f ms%n",
                    httpRate,
                    httpRate * POINTS,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99));
            System.out.printf(
                    Locale.ROOT,
                    "Raw JDBC    : %.1f runs/s (same rows, %d threads, one transaction per run)%n",
                    rawRate,
                    clients);
            System.out.printf(
                    Locale.ROOT,
                    "HTTP / raw  : %.0f %% (rounds: %s %%)%n",
                    100 * httpRate / rawRate,
                    String.join(", ", roundRatios));
            CpuMeter.Reading h = http.cpu;
            // In one JVM the clients' own CPU is inside the JVM's total; apart, it is not.
            long serverNanos = h.jvmNanos() - (inProcess ? http.clientNanos : 0);
            System.out.printf(
                    Locale.ROOT,
                    "CPU per run : HTTP %.2f ms server JVM (of which JIT %.2f, GC %.2f) + %.2f ms clients"
                            + " + %.2f ms PostgreSQL; raw %.2f ms JDBC client + %.2f ms PostgreSQL%n",
                    serverNanos / 1e6 / runs,
                    h.jitNanos() / 1e6 / runs,
                    h.gcNanos() / 1e6 / runs,
                    http.clientNanos / 1e6 / runs,
                    h.postgresNanos() / 1e6 / runs,
                    raw.benchNanos / 1e6 / runs,
                    raw.cpu.postgresNanos() / 1e6 / runs);
            double jsonBytesPerPoint = bodies.stream()
                            .flatMap(List::stream)
                            .mapToLong(b -> b.length)
                            .sum()
                    / (double) (runs * (long) POINTS);
            bytesPerPoint(db, jsonBytesPerPoint);
            overlapCheck(db);
        } finally {
            PostgresTestDatabase.shutDown(); // its data directory holds gigabytes of runs
        }
    }

    /** The server under test: its port, tokens for its users, and the process whose CPU is its own. */
    private interface Target extends AutoCloseable {
        int port();

        String token(String user);

        long pid();

        /** Stops the server; neither kind throws, so a try-with-resources needs no catch for it. */
        @Override
        void close();

        static Target process(DatabaseSettings db) throws Exception {
            BenchServer server = BenchServer.start(db);
            return new Target() {
                @Override
                public int port() {
                    return server.port();
                }

                @Override
                public String token(String user) {
                    return server.token(user);
                }

                @Override
                public long pid() {
                    return server.pid();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }

        static Target inProcess(DatabaseSettings db) {
            TestServer server = TestServer.start(db, Map.of());
            return new Target() {
                @Override
                public int port() {
                    return server.uri("/").getPort();
                }

                @Override
                public String token(String user) {
                    return server.token(user);
                }

                @Override
                public long pid() {
                    return ProcessHandle.current().pid();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }
    }

    /**
     * Posts batches of runs until the server's JIT compiler is quiet (under 5 % of its CPU) or {@code maxBatches}
     * have passed, and returns how many batches ran. Per-request code reaches the optimising compiler only after
     * thousands of requests; measuring before that would time the profiling tiers, not the steady state a
     * deployed server runs in. Each batch posts as fresh users so the write rate limit never trips.
     * After each batch the clients pause until the compiler has worked off its queue: on two shared
     * cores the C2 thread otherwise waits behind the load it compiles for, and its backlog (per-request
     * methods queued thousands of requests ago) was still being compiled, and billed to the server,
     * in the timed rounds. A deployed server has such pauses between bursts of uploads.
     */
    private static int warmUp(Target server, CpuMeter cpu, int clients, int runs, int maxBatches, int decimals)
            throws Exception {
        for (int batch = 0; batch < maxBatches; batch++) {
            CpuMeter.Reading before = cpu.now();
            http(server, bodies(clients, runs, decimals, 500 + batch * runs), "warmup" + batch + "-");
            CpuMeter.Reading used = cpu.now().minus(before);
            long idleMillis = cpu.awaitCompilerIdle(Duration.ofSeconds(20));
            double jitShare = used.jvmNanos() == 0 ? 0 : used.jitNanos() / (double) used.jvmNanos();
            System.out.printf(
                    Locale.ROOT,
                    "Warm-up %d: %d runs, JIT %.0f %% of the server's CPU; compiler idle after %d ms%n",
                    batch + 1,
                    clients * runs,
                    100 * jitShare,
                    idleMillis);
            if (jitShare < 0.05) {
                return batch + 1;
            }
        }
        return maxBatches;
    }

    /** Wall time and CPU summed over a benchmark path's rounds. */
    private static final class Phase {
        double seconds;
        CpuMeter.Reading cpu = CpuMeter.Reading.ZERO;
        long clientNanos;
        long benchNanos;

        double time(CpuMeter meter, Timed work) throws Exception {
            CpuMeter.Reading before = meter.now();
            long benchBefore = BENCH_JVM.getProcessCpuTime();
            long start = System.nanoTime();
            clientNanos += work.run();
            double elapsed = (System.nanoTime() - start) / 1e9;
            benchNanos += BENCH_JVM.getProcessCpuTime() - benchBefore;
            CpuMeter.Reading used = meter.now().minus(before);
            seconds += elapsed;
            cpu = cpu.plus(used);
            return elapsed;
        }
    }

    /** A timed phase; returns the CPU time its client threads used, if it knows it. */
    private interface Timed {
        long run() throws Exception;
    }

    private static List<List<byte[]>> bodies(int clients, int runs, int decimals, int dayOffset) throws Exception {
        var mapper = Json.newMapper();
        List<List<byte[]>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(31L * c + dayOffset);
            List<byte[]> bodies = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Instant start = Instant.parse("2026-01-01T06:00:00Z").plusSeconds(86_400L * (r + dayOffset));
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("id", UUID.randomUUID().toString());
                body.put("started_at", start.toString());
                body.put("ended_at", start.plusSeconds(POINTS).toString());
                body.put("duration_s", POINTS - 60);
                body.put("distance_m", 10_000.0);
                body.put("source", "phone");
                body.put("metadata", Map.of("device", "bench"));
                body.put("track", JoggerTrack.points(random, start, POINTS, decimals));
                bodies.add(mapper.writeValueAsBytes(body));
            }
            all.add(bodies);
        }
        return all;
    }

    private static void http(Target server, List<List<byte[]>> bodies, String userPrefix) throws Exception {
        try (HttpRound round = new HttpRound(server, bodies, userPrefix)) {
            round.run(new double[bodies.size() * bodies.get(0).size()]);
        }
    }

    /**
     * One round of HTTP clients, set up before the clock starts: each client's requests as complete
     * byte arrays, its keep-alive connection open, its thread started. {@link #run} is the timed part.
     */
    private static final class HttpRound implements AutoCloseable {
        private final List<List<byte[]>> requests = new ArrayList<>();
        private final List<PlainHttpClient> connections = new ArrayList<>();
        private final ExecutorService pool;

        HttpRound(Target server, List<List<byte[]>> bodies, String userPrefix) throws Exception {
            int port = server.port();
            for (int c = 0; c < bodies.size(); c++) {
                String token = server.token(userPrefix + c);
                requests.add(bodies.get(c).stream()
                        .map(b -> PlainHttpClient.post(port, "/api/v1/runs", token, b))
                        .toList());
                connections.add(new PlainHttpClient(port));
            }
            pool = Executors.newFixedThreadPool(bodies.size());
            List<Future<?>> started = new ArrayList<>();
            for (int c = 0; c < bodies.size(); c++) {
                started.add(pool.submit(() -> {}));
            }
            for (Future<?> f : started) {
                f.get();
            }
        }

        /**
         * Posts each client's requests in order on its connection. Fills in each request's latency in
         * ms and returns the CPU time the client threads used (all client work runs on them).
         */
        long run(double[] latencies) throws Exception {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < requests.size(); c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    List<byte[]> mine = requests.get(client);
                    PlainHttpClient connection = connections.get(client);
                    long cpuBefore = THREADS.getCurrentThreadCpuTime();
                    for (int r = 0; r < mine.size(); r++) {
                        long t0 = System.nanoTime();
                        PlainHttpClient.Response response = connection.send(mine.get(r));
                        latencies[client * mine.size() + r] = (System.nanoTime() - t0) / 1e6;
                        if (response.status() != 201) {
                            throw new IllegalStateException("POST failed: " + response.status() + " "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                    }
                    return THREADS.getCurrentThreadCpuTime() - cpuBefore;
                }));
            }
            long clientNanos = 0;
            for (Future<Long> f : done) {
                clientNanos += f.get();
            }
            return clientNanos;
        }

        @Override
        public void close() throws IOException {
            pool.shutdownNow();
            for (PlainHttpClient connection : connections) {
                connection.close();
            }
        }
    }

    /** The rows the HTTP path stores, computed outside the timed part so the raw path pays only for the database. */
    private static List<List<NewRun>> rows(List<List<byte[]>> bodies) throws Exception {
        var mapper = Json.newMapper();
        List<List<NewRun>> rows = new ArrayList<>();
        for (List<byte[]> client : bodies) {
            List<NewRun> runs = new ArrayList<>();
            for (byte[] body : client) {
                var node = mapper.readTree(body);
                List<TrackPoint> points = new ArrayList<>();
                node.path("track")
                        .forEach(p -> points.add(new TrackPoint(
                                p.get(0).longValue(),
                                p.get(1).doubleValue(),
                                p.get(2).doubleValue(),
                                p.get(3).isNull()
                                        ? java.util.OptionalDouble.empty()
                                        : java.util.OptionalDouble.of(p.get(3).doubleValue()))));
                RunDraft draft = new RunDraft(
                        java.util.Optional.of(UUID.randomUUID().toString()),
                        java.util.Optional.of(node.path("started_at").asText()),
                        java.util.Optional.of(node.path("ended_at").asText()),
                        java.util.Optional.of(node.path("duration_s").asLong()),
                        java.util.Optional.of(node.path("distance_m").asDouble()),
                        java.util.Optional.of("phone"),
                        java.util.Optional.empty(),
                        java.util.Optional.of("{\"device\":\"bench\"}"),
                        java.util.Optional.of(new Track(points)),
                        java.util.Optional.empty(),
                        java.util.Optional.empty());
                runs.add(((ValidationResult.Valid) RunValidation.validate(draft)).run());
            }
            rows.add(runs);
        }
        return rows;
    }

    /** The column values of the rows, computed before the raw inserts are timed. */
    private static List<List<Object[]>> prepare(List<List<NewRun>> rows) {
        TrackSimplifier simplifier = new TrackSimplifier(TrackSimplifier.DEFAULT_TOLERANCE_M);
        List<List<Object[]>> prepared = new ArrayList<>();
        for (List<NewRun> client : rows) {
            List<Object[]> values = new ArrayList<>();
            for (NewRun run : client) {
                values.add(new Object[] {
                    run,
                    TrackCodec.encode(run.track()),
                    EncodedPolyline.encode(simplifier.simplify(run.track())),
                    run.fingerprint().hex()
                });
            }
            prepared.add(values);
        }
        return prepared;
    }

    /**
     * The raw path's clients: one JDBC connection each, its statements prepared, open for the whole
     * benchmark as the server's pooled connections are, so neither path pays for connecting (or,
     * for the raw one, for pgjdbc's first unprepared executions) inside its timed rounds.
     */
    private static final class RawClients implements AutoCloseable {
        private final List<RawClient> clients = new ArrayList<>();
        private final ExecutorService pool;

        RawClients(DatabaseSettings db, int count) throws SQLException {
            for (int c = 0; c < count; c++) {
                clients.add(new RawClient(db));
            }
            pool = Executors.newFixedThreadPool(count);
        }

        /** Client c inserts {@code prepared.get(c)} as user {@code userPrefix + c}, one transaction per run. */
        void insert(List<List<Object[]>> prepared, String userPrefix) throws Exception {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < prepared.size(); c++) {
                RawClient client = clients.get(c);
                String user = userPrefix + c;
                List<Object[]> mine = prepared.get(c);
                done.add(pool.submit(() -> {
                    client.insert(user, mine);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        @Override
        public void close() throws SQLException {
            pool.shutdownNow();
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    /** One connection with the raw path's two statements: scope the transaction to the user, insert the row. */
    private static final class RawClient implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement scope;
        private final PreparedStatement insert;

        RawClient(DatabaseSettings db) throws SQLException {
            connection = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
            connection.setAutoCommit(false);
            scope = connection.prepareStatement("SELECT set_config('app.user_id', ?, true)");
            insert = connection.prepareStatement("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, notes,
                        metadata, polyline, point_count, track, content_hash, created_version, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""");
        }

        void insert(String user, List<Object[]> rows) throws SQLException {
            long version = 0;
            for (Object[] row : rows) {
                NewRun run = (NewRun) row[0];
                scope.setString(1, user);
                scope.executeQuery().close();
                insert.setString(1, user);
                insert.setObject(2, run.id());
                insert.setObject(3, run.startedAt().atOffset(ZoneOffset.UTC));
                insert.setObject(4, run.endedAt().atOffset(ZoneOffset.UTC));
                insert.setLong(5, run.durationS());
                insert.setDouble(6, run.distanceM());
                insert.setString(7, run.source().wireName());
                insert.setString(8, run.metadataJson().orElse(null));
                insert.setString(9, (String) row[2]);
                insert.setInt(10, run.track().size());
                insert.setBytes(11, (byte[]) row[1]);
                insert.setString(12, (String) row[3]);
                insert.setLong(13, ++version);
                insert.setLong(14, version);
                insert.executeUpdate();
                connection.commit();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static void bytesPerPoint(DatabaseSettings db, double jsonBytesPerPoint) {
        Map<String, Object> stats = Jdbi.create(PostgresTestDatabase.ownerDataSource(db))
                .withHandle(h -> h.createQuery("""
                SELECT sum(octet_length(track))::float8 / sum(point_count) AS encoded,
                       sum(pg_column_size(track))::float8 / sum(point_count) AS stored,
                       sum(pg_column_size(r.*))::float8 / sum(point_count) AS row_total
                FROM runs r WHERE user_id LIKE 'client-%'""").mapToMap().one());
        System.out.printf(
                Locale.ROOT,
                "Track bytes : %.2f bytes/point encoded, %.2f stored (pg_column_size), "
                        + "%.2f for the whole row incl. polyline (the JSON request: %.1f bytes/point)%n",
                (Double) stats.get("encoded"),
                (Double) stats.get("stored"),
                (Double) stats.get("row_total"),
                jsonBytesPerPoint);
    }

    /** The overlap lookup (a bounded range scan of the runs_history index) for a user with 10 and one with 100,000 runs. */
    private static void overlapCheck(DatabaseSettings db) {
        Jdbi owner = Jdbi.create(PostgresTestDatabase.ownerDataSource(db));
        owner.useHandle(h -> {
            for (String[] user : new String[][] {{"history-small", "10"}, {"history-big", "100000"}}) {
                h.createUpdate("""
                        INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                            point_count, track, content_hash, created_version, version)
                        SELECT :user, gen_random_uuid(), t, t + interval '45 minutes', 2600, 8000, 'phone', '', 0,
                            '\\x0100'::bytea, repeat('0', 64), g, g
                        FROM generate_series(1, :n) g, LATERAL (SELECT timestamptz '2010-01-01' + g * interval '6 hours' AS t) s""")
                        .bind("user", user[0])
                        .bind("n", Integer.parseInt(user[1]))
                        .execute();
            }
            h.execute("VACUUM ANALYZE runs");
        });
        try (PostgresDatabase database = PostgresDatabase.connect(db, null)) {
            PostgresTransactions transactions = new PostgresTransactions(database.jdbi());
            PostgresRuns runs = new PostgresRuns();
            double small = timeLookups(transactions, runs, new UserId("history-small"), 10);
            double big = timeLookups(transactions, runs, new UserId("history-big"), 100_000);
            System.out.printf(
                    Locale.ROOT,
                    "Overlap check: %.3f ms with 10 runs, %.3f ms with 100,000 runs (ratio %.2f)%n",
                    small,
                    big,
                    big / small);
        }
    }

    /** Median time of one overlap lookup, in a transaction like the service's. */
    private static double timeLookups(PostgresTransactions transactions, PostgresRuns runs, UserId user, int history) {
        Random random = new Random(5);
        int iterations = 3000;
        double[] times = new double[iterations];
        for (int i = -500; i < iterations; i++) {
            long slot = random.nextInt(history) + 1L;
            Instant start = Instant.parse("2010-01-01T00:00:00Z").plusSeconds(slot * 6 * 3600 + 1200);
            TimeSpan span = new TimeSpan(start, start.plusSeconds(3600));
            int index = i;
            transactions.inUserSnapshot(user, () -> {
                long t0 = System.nanoTime();
                int found = runs.findOverlapping(user, span).size();
                if (index >= 0) {
                    times[index] = (System.nanoTime() - t0) / 1e6;
                }
                return found;
            });
        }
        Arrays.sort(times);
        return percentile(times, 0.5);
    }

    /** The port of a jdbc:postgresql://host:port/db URL. */
    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

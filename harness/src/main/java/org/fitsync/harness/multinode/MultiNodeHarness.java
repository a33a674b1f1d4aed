package org.fitsync.harness.multinode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.harness.bodies.ClientBodies;
import org.fitsync.harness.process.FitSyncJar;

/**
 * The production shape (docs/testing.md, "Multi-node"): PostgreSQL from Debian's packages as its own server,
 * HAProxy from Debian's packages in front, three nodes of the packaged jar on {@code FITSYNC_DATABASE_URL}.
 * Through HAProxy the load harness's phone mix runs while
 * <ol>
 *   <li>every node is restarted in turn with SIGTERM: no request may fail;
 *   <li>PostgreSQL is restarted: requests meanwhile may only get {@code 503} with {@code Retry-After}; every node
 *       must become ready again by itself, and a change-event stream held open on each node through the outage
 *       must deliver {@code changed} for pushes made after it (its {@code LISTEN} was re-subscribed);
 *   <li>the node running a Strava import is SIGKILLed: another node must resume and finish it, each run once.
 * </ol>
 * At the end every write the phones had acknowledged must be on the server. Any failure exits non-zero.
 */
public final class MultiNodeHarness {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private MultiNodeHarness() {}

    public static void main(String[] args) throws Exception {
        MultiNodeSettings settings = MultiNodeSettings.fromSystemProperties();
        long started = System.nanoTime();
        Path workDir = Files.createTempDirectory("fitsync-multinode-");
        System.out.printf(
                Locale.ROOT,
                "FitSync multi-node: %d nodes behind HAProxy on Debian's PostgreSQL%s, %d phones, work dir %s%n",
                settings.nodes(),
                settings.pgbouncer() ? " through PgBouncer (transaction mode)" : "",
                settings.phones(),
                workDir);
        Report report;
        try (Cluster cluster = Cluster.start(settings, workDir)) {
            report = new Scenarios(settings, cluster).run();
            report.errorLines =
                    cluster.nodes.stream().mapToLong(Node::errorLines).sum();
        }
        report.seconds = (System.nanoTime() - started) / 1e9;
        report.print(System.out);
        if (!report.passed()) {
            System.out.println("logs kept in " + workDir);
            System.exit(1);
        }
        deleteQuietly(workDir);
    }

    /** PostgreSQL, the fake Strava, the nodes and HAProxy; closed in reverse. */
    static final class Cluster implements AutoCloseable {
        final DebianPostgres postgres;
        final Optional<Pgbouncer> pgbouncer;
        final FakeStrava strava;
        final List<Node> nodes;
        final Haproxy haproxy;
        final String jwtSecret;

        private Cluster(
                DebianPostgres postgres,
                Optional<Pgbouncer> pgbouncer,
                FakeStrava strava,
                List<Node> nodes,
                Haproxy haproxy,
                String jwt) {
            this.postgres = postgres;
            this.pgbouncer = pgbouncer;
            this.strava = strava;
            this.nodes = nodes;
            this.haproxy = haproxy;
            this.jwtSecret = jwt;
        }

        static Cluster start(MultiNodeSettings settings, Path workDir) throws Exception {
            FitSyncJar jar = FitSyncJar.at(settings.jar());
            DebianPostgres postgres = null;
            Optional<Pgbouncer> pgbouncer = Optional.empty();
            FakeStrava strava = null;
            List<Node> nodes = new ArrayList<>();
            try {
                postgres = DebianPostgres.create(workDir, secret(24), secret(24));
                if (settings.pgbouncer()) {
                    pgbouncer = Optional.of(Pgbouncer.start(workDir, postgres));
                }
                strava = FakeStrava.start(FakeStravaConfig.generous().withLatency(Duration.ofMillis(400)));
                ImportKill.stock(strava);
                String jwt = secret(48);
                int balancerPort = FitSyncJar.freePort();
                Map<String, String> env = new HashMap<>();
                env.put("FITSYNC_DATABASE_URL", postgres.jdbcUrl());
                if (pgbouncer.isPresent()) {
                    // Behind a transaction-mode pooler, LISTEN and the migrations need sessions of their own.
                    env.put("FITSYNC_DATABASE_URL", pgbouncer.get().jdbcUrl());
                    env.put("FITSYNC_DATABASE_DIRECT_URL", postgres.jdbcUrl());
                }
                env.put("FITSYNC_DATABASE_USER", DebianPostgres.APP);
                env.put("FITSYNC_DATABASE_PASSWORD", postgres.appPassword());
                env.put("FITSYNC_DATABASE_OWNER_USER", DebianPostgres.OWNER);
                env.put("FITSYNC_DATABASE_OWNER_PASSWORD", postgres.ownerPassword());
                env.put("FITSYNC_DATABASE_POOL_SIZE", "8");
                // A request may wait longer for its admission place than the default 1 s: two cores shared with
                // other builds must not turn CPU starvation into 503s (overload is proven by OverloadHttpTest).
                env.put("FITSYNC_ADMISSION_WAIT", "5s");
                env.put("FITSYNC_JWT_SECRET", jwt);
                env.put("FITSYNC_TOKEN_KEY", Base64.getEncoder().encodeToString(random(32)));
                env.put("FITSYNC_SHUTDOWN_GRACE", settings.grace());
                env.put("FITSYNC_EVENTS_HEARTBEAT", "5s");
                env.put("FITSYNC_SSE_HEARTBEAT", "5s");
                env.put("FITSYNC_WEATHER", "off");
                env.put("FITSYNC_LOG_FORMAT", "json");
                env.put("FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString());
                env.put("FITSYNC_STRAVA_CLIENT_ID", strava.config().clientId());
                env.put("FITSYNC_STRAVA_CLIENT_SECRET", strava.config().clientSecret());
                env.put("FITSYNC_STRAVA_BACKOFF_BASE", "50ms");
                env.put("FITSYNC_PUBLIC_URL", "http://127.0.0.1:" + balancerPort);
                env.put("FITSYNC_IMPORT_LEASE", "3s");
                env.put("FITSYNC_IMPORT_POLL", "200ms");
                env.put("FITSYNC_IMPORT_PARALLEL_FETCHES", "2");
                Path logs = Files.createDirectories(workDir.resolve("logs"));
                for (int i = 1; i <= settings.nodes(); i++) {
                    nodes.add(new Node(i, jar, Map.copyOf(env), logs));
                }
                for (Node node : nodes) {
                    node.launch();
                }
                for (Node node : nodes) {
                    node.awaitReady(READY_TIMEOUT);
                }
                Haproxy haproxy = Haproxy.start(
                        workDir, balancerPort, nodes.stream().map(Node::port).toList());
                return new Cluster(postgres, pgbouncer, strava, nodes, haproxy, jwt);
            } catch (Exception | Error e) {
                nodes.forEach(Node::closeQuietly);
                if (strava != null) {
                    strava.close();
                }
                pgbouncer.ifPresent(Pgbouncer::close);
                if (postgres != null) {
                    postgres.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            haproxy.close();
            nodes.forEach(Node::closeQuietly);
            strava.close();
            pgbouncer.ifPresent(Pgbouncer::close);
            postgres.close();
        }
    }

    /** The three scenarios under one phone mix, and the final reconciliation. */
    static final class Scenarios {
        private final MultiNodeSettings settings;
        private final Cluster cluster;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final ObjectMapper json = Json.newMapper();
        private final Tally tally = new Tally();
        private final TokenIssuer issuer;
        private volatile Phase phase = Phase.STEADY;
        private final Report report = new Report();

        Scenarios(MultiNodeSettings settings, Cluster cluster) {
            this.settings = settings;
            this.cluster = cluster;
            this.issuer = new TokenIssuer(cluster.jwtSecret, Clock.systemUTC());
            report.tally = tally;
        }

        Report run() throws Exception {
            URI balancer = cluster.haproxy.base();
            MixPhone.Context context =
                    new MixPhone.Context(http, json, balancer, tally, () -> phase, settings.thinkMillis());
            List<MixPhone> phones = new ArrayList<>();
            for (int i = 0; i < settings.phones(); i++) {
                phones.add(new MixPhone(context, i, token("multinode-user-" + i)));
            }
            seed(phones);
            List<Thread> threads = new ArrayList<>();
            for (MixPhone phone : phones) {
                Thread thread = new Thread(phone, "phone");
                thread.setUncaughtExceptionHandler((t, e) -> tally.failed(phase, "phone crashed", e.toString()));
                thread.start();
                threads.add(thread);
            }
            try {
                Thread.sleep(settings.steadySeconds() * 1000L);
                rollingRestart();
                postgresRestart();
                importKill();
                phase = Phase.SETTLE;
                Thread.sleep(2000);
            } finally {
                phones.forEach(MixPhone::stop);
                for (Thread thread : threads) {
                    thread.join(60_000);
                }
            }
            reconcile(phones);
            return report;
        }

        private void seed(List<MixPhone> phones) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (MixPhone phone : phones) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        phone.seed();
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        /** Each node in turn: SIGTERM (it drains for its grace), start again, wait until HAProxy routes to it. */
        private void rollingRestart() throws Exception {
            phase = Phase.ROLLING_RESTART;
            for (Node node : cluster.nodes) {
                long t0 = System.nanoTime();
                node.stop();
                long stopped = System.nanoTime();
                node.launch();
                node.awaitReady(READY_TIMEOUT);
                cluster.haproxy.awaitUp(node.index(), Duration.ofSeconds(60));
                report.restarts.add(String.format(
                        Locale.ROOT,
                        "%s stopped in %d ms, back in rotation %d ms later",
                        node.name(),
                        (stopped - t0) / 1_000_000,
                        (System.nanoTime() - stopped) / 1_000_000));
            }
        }

        /** PostgreSQL stopped (fast: sessions ended) and started again under load, streams held open meanwhile. */
        private void postgresRestart() throws Exception {
            String eventsUser = token("multinode-events");
            List<ChangeStream> streams = new ArrayList<>();
            try {
                for (Node node : cluster.nodes) {
                    ChangeStream stream = new ChangeStream(http, json, node.base(), eventsUser, node.name());
                    streams.add(stream);
                    stream.awaitConnected(1, Duration.ofSeconds(30));
                }
                phase = Phase.POSTGRES_RESTART;
                cluster.postgres.stop();
                Thread.sleep(settings.outageSeconds() * 1000L);
                cluster.postgres.start();
                long back = System.nanoTime();
                Map<Node, Long> recovered = awaitNodesReady(Duration.ofMinutes(2));
                recovered.forEach((node, nanos) -> report.recoveryMillis.put(node.name(), (nanos - back) / 1_000_000));
                for (Node node : cluster.nodes) {
                    cluster.haproxy.awaitUp(node.index(), Duration.ofSeconds(60));
                }
                phase = Phase.STEADY;
                // Two pushes: the first may be delivered by a reconnecting listener's catch-up event; the second,
                // made once every stream had the first, can only come through the re-subscribed LISTEN.
                for (int round = 1; round <= 2; round++) {
                    long timestamp = pushFor(eventsUser, "events-" + round);
                    for (int i = 0; i < streams.size(); i++) {
                        boolean got = streams.get(i).awaitChanged(timestamp, Duration.ofSeconds(30));
                        String node = cluster.nodes.get(i).name();
                        if (got) {
                            report.eventsResumed.merge(node, 1, Integer::sum);
                        } else {
                            report.eventsResumed.putIfAbsent(node, 0);
                            report.problems.add(
                                    node + ": no changed event for push " + round + " after PostgreSQL came back");
                        }
                    }
                }
                for (int i = 0; i < streams.size(); i++) {
                    report.streamConnects.put(
                            cluster.nodes.get(i).name(), streams.get(i).connects());
                }
            } finally {
                streams.forEach(ChangeStream::close);
            }
        }

        private Map<Node, Long> awaitNodesReady(Duration timeout) throws InterruptedException {
            Map<Node, Long> ready = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ready.size() < cluster.nodes.size()) {
                for (Node node : cluster.nodes) {
                    if (!ready.containsKey(node) && status(node.base().resolve("/health/ready")) == 200) {
                        ready.put(node, System.nanoTime());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every node became ready by itself within " + timeout);
                }
                Thread.sleep(50);
            }
            return ready;
        }

        private int status(URI uri) throws InterruptedException {
            try {
                return http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                return -1;
            }
        }

        private long pushFor(String token, String workoutId) throws IOException, InterruptedException {
            Map<String, Map<String, List<Object>>> changes = new LinkedHashMap<>();
            var workouts = ClientBodies.collectionChanges();
            workouts.get("created")
                    .add(ClientBodies.workout(
                            workoutId, 1, new java.util.Random(workoutId.hashCode()), System.currentTimeMillis()));
            changes.put("workouts", workouts);
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(cluster.haproxy.base().resolve("/api/v1/sync"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    json.writeValueAsBytes(ClientBodies.push(changes, 0))))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the events user's push answered " + response.statusCode());
            }
            return json.readTree(response.body()).path("timestamp").asLong();
        }

        private void importKill() throws Exception {
            phase = Phase.IMPORT_KILL;
            ImportKill scenario = new ImportKill(
                    http, json, cluster.haproxy.base(), token("multinode-strava"), cluster.strava, cluster.postgres);
            report.importOutcome = scenario.run(cluster.nodes);
        }

        /** Every acknowledged write, through the balancer: each user's first sync, and each acknowledged run. */
        private void reconcile(List<MixPhone> phones) throws IOException, InterruptedException {
            for (MixPhone phone : phones) {
                PhoneLedger ledger = phone.ledger();
                HttpResponse<byte[]> pulled = phone.send(phone.pull(0));
                if (pulled.statusCode() != 200) {
                    report.problems.add("final pull answered " + pulled.statusCode());
                    continue;
                }
                JsonNode changes = json.readTree(pulled.body()).path("changes");
                Set<String> workouts = ids(changes.path("workouts"));
                Set<String> weighIns = ids(changes.path("body_measurements"));
                for (String id : ledger.liveWorkouts) {
                    report.checkedRecords++;
                    if (!workouts.contains(id)) {
                        report.problems.add("acknowledged workout " + id + " is missing");
                    }
                }
                for (String id : ledger.deletedWorkouts) {
                    report.checkedRecords++;
                    if (workouts.contains(id)) {
                        report.problems.add("deleted workout " + id + " is back");
                    }
                }
                for (String id : ledger.weighIns) {
                    report.checkedRecords++;
                    if (!weighIns.contains(id)) {
                        report.problems.add("acknowledged weigh-in " + id + " is missing");
                    }
                }
                for (String id : ledger.runs) {
                    report.checkedRuns++;
                    int status = phone.send(
                                    phone.authorized("/api/v1/runs/" + id).GET().build())
                            .statusCode();
                    if (status != 200) {
                        report.problems.add("acknowledged run " + id + " answered " + status);
                    }
                }
                report.uncertain += ledger.uncertain.size();
            }
        }

        private static Set<String> ids(JsonNode collection) {
            Set<String> ids = new HashSet<>();
            for (String kind : List.of("created", "updated")) {
                collection.path(kind).forEach(r -> ids.add(r.path("id").asText()));
            }
            return ids;
        }

        private String token(String user) {
            return issuer.issue(user, List.of(), Duration.ofHours(2));
        }
    }

    /** The figures and findings of a run. */
    static final class Report {
        Tally tally;
        final List<String> restarts = new ArrayList<>();
        final Map<String, Long> recoveryMillis = new LinkedHashMap<>();
        final Map<String, Integer> eventsResumed = new LinkedHashMap<>();
        final Map<String, Integer> streamConnects = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        ImportKill.Outcome importOutcome;
        long checkedRecords;
        long checkedRuns;
        long uncertain;
        long errorLines;
        double seconds;

        boolean passed() {
            return problems.isEmpty()
                    && tally.failedTotal() == 0
                    && errorLines == 0
                    && importOutcome != null
                    && importOutcome.passed();
        }

        void print(PrintStream out) {
            out.println();
            for (String restart : restarts) {
                out.println("restart            : " + restart);
            }
            out.printf(Locale.ROOT, "requests sent      : %d%n", tally.sentTotal());
            for (Phase phase : Phase.values()) {
                out.printf(
                        Locale.ROOT,
                        "  %-24s: %6d sent, %6d ok, %4d 503 with Retry-After, %3d cut off by the kill, %d failed%n",
                        phase.label(),
                        tally.sent(phase),
                        tally.okCount(phase),
                        tally.unavailable503(phase),
                        tally.cutOffCount(phase),
                        tally.failedCount(phase));
            }
            tally.failures()
                    .forEach((what, count) -> out.printf(
                            Locale.ROOT,
                            "  failed %s x%d, first: %s%n",
                            what,
                            count,
                            tally.firstFailures().get(what)));
            out.printf(
                    Locale.ROOT,
                    "PostgreSQL restart : 503s during the outage %d; ready again by itself after %s ms (max %d ms)%n",
                    tally.unavailable503(Phase.POSTGRES_RESTART),
                    recoveryMillis,
                    recoveryMillis.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(-1));
            out.printf(
                    Locale.ROOT,
                    "events resumed     : %s of 2 pushes after the restart (stream connections per node: %s)%n",
                    eventsResumed,
                    streamConnects);
            if (importOutcome != null) {
                out.printf(
                        Locale.ROOT,
                        "import             : %s killed at %d runs imported, resumed by %s after %d ms, %s; "
                                + "%d Strava runs stored (%d distinct), %d expected%n",
                        importOutcome.killed(),
                        importOutcome.importedBeforeKill(),
                        importOutcome.resumedBy(),
                        importOutcome.resumeMillis(),
                        importOutcome.state(),
                        importOutcome.stravaRuns(),
                        importOutcome.distinctStravaIds(),
                        importOutcome.expectedRuns());
            }
            out.printf(
                    Locale.ROOT,
                    "checked            : %d acknowledged records and deletions, %d acknowledged runs (%d ids left out: "
                            + "their write was not acknowledged)%n",
                    checkedRecords,
                    checkedRuns,
                    uncertain);
            out.printf(Locale.ROOT, "ERROR log lines    : %d%n", errorLines);
            problems.stream().limit(20).forEach(p -> out.println("problem            : " + p));
            out.printf(Locale.ROOT, "result             : %s in %.0f s%n", passed() ? "PASSED" : "FAILED", seconds);
        }
    }

    private static String secret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(bytes));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}

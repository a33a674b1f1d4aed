package org.fitsync.harness.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.harness.process.FitSyncJar;

/**
 * Device-to-device latency (docs/benchmarks.md, "Device to device"): two nodes on one PostgreSQL;
 * device A pushes one record on node 2, device B listens to its change events on node 1 and pulls
 * when told; a sample is the time from the start of A's push to B's pull having the record. Measured
 * beside N idle event streams of other users on node 1, with node 1's heap (after a full GC) and
 * threads at 0 and at each N.
 *
 * <p>System properties: {@code events.streams} (idle streams, ascending, {@code 1000,10000}),
 * {@code events.samples} (per stream count, 500), {@code events.warmup} (samples discarded first at
 * each count, 100), {@code events.pause} (ms between samples, 100: a device does not push twice
 * within the stream's 50 ms coalescing interval), {@code events.jar} (app/target/fitsync.jar).
 */
public final class DeviceToDeviceBenchmark {

    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "device-user";

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final TokenIssuer tokens = new TokenIssuer(EventsNode.JWT_SECRET, Clock.systemUTC());
    private int records;

    private DeviceToDeviceBenchmark(HttpClient http) {
        this.http = http;
    }

    public static void main(String[] args) throws Exception {
        int[] counts = Arrays.stream(
                        System.getProperty("events.streams", "1000,10000").split(",", -1))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .sorted()
                .toArray();
        int samples = Integer.getInteger("events.samples", 500);
        int warmup = Integer.getInteger("events.warmup", 100);
        Duration pause = Duration.ofMillis(Integer.getInteger("events.pause", 100));
        int most = counts[counts.length - 1];
        System.out.printf(
                Locale.ROOT,
                "FitSync device-to-device benchmark: idle streams %s on node 1, %d samples (+%d warm-up) each,"
                        + " %d ms apart; %d cores%n",
                Arrays.toString(counts),
                samples,
                warmup,
                pause.toMillis(),
                Runtime.getRuntime().availableProcessors());
        FitSyncJar jar = FitSyncJar.fromProperty("events.jar");
        DatabaseSettings db = PostgresTestDatabase.fresh();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        DeviceToDeviceBenchmark bench = new DeviceToDeviceBenchmark(http);
        // Room for the idle streams and device B beyond the default limit of 10,000.
        Map<String, String> listening = Map.of("FITSYNC_ADMISSION_EVENT_STREAMS", Integer.toString(most + 100));
        try (EventsNode node1 = EventsNode.start("1", jar, db, listening);
                EventsNode node2 = EventsNode.start("2", jar, db, Map.of());
                IdleStreams idle = new IdleStreams(http, node1.base(), bench::token);
                ListeningDevice deviceB = new ListeningDevice(http, bench.json, node1.base(), bench.token(USER))) {
            deviceB.start(SAMPLE_TIMEOUT);
            ServerFootprint before = ServerFootprint.of(http, node1.base(), node1.pid());
            System.out.printf(
                    Locale.ROOT,
                    "node 1 with device B's stream only: heap %.1f MB after GC, %d threads%n",
                    before.heapBytes() / 1e6,
                    before.threads());
            List<String> rows = new ArrayList<>();
            ServerFootprint previous = before;
            int previousCount = 0;
            for (int count : counts) {
                long openStart = System.nanoTime();
                int accepted = idle.openUpTo(count);
                System.out.printf(
                        Locale.ROOT,
                        "%d idle streams open after %.1f s (%d); refused and retried so far: %s%n",
                        count,
                        (System.nanoTime() - openStart) / 1e9,
                        accepted,
                        idle.refusals());
                if (accepted < count) {
                    throw new IllegalStateException(count - accepted + " of " + count + " streams did not open");
                }
                ServerFootprint footprint = ServerFootprint.of(http, node1.base(), node1.pid());
                Samples measured = bench.samples(node2.base(), deviceB, warmup, samples, pause);
                if (idle.ended() > 0) {
                    throw new IllegalStateException(idle.ended() + " idle streams ended during the samples");
                }
                // Per 1,000 streams added since the previous count: the first count's figures also
                // hold the request threads Jetty started while the streams were opening.
                double thousandsAdded = (count - previousCount) / 1000.0;
                rows.add(String.format(
                        Locale.ROOT,
                        "| %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f | %.1f | %d | %.1f |",
                        count,
                        measured.total().percentile(0.50),
                        measured.total().percentile(0.99),
                        measured.total().max(),
                        measured.push().percentile(0.50),
                        measured.event().percentile(0.50),
                        footprint.heapBytes() / 1e6,
                        (footprint.heapBytes() - previous.heapBytes()) / 1e6 / thousandsAdded,
                        (footprint.directBytes() - previous.directBytes()) / 1e6 / thousandsAdded,
                        (footprint.residentBytes() - previous.residentBytes()) / 1e6 / thousandsAdded,
                        footprint.threads(),
                        (footprint.threads() - previous.threads()) / thousandsAdded));
                System.out.println(rows.get(rows.size() - 1));
                previous = footprint;
                previousCount = count;
            }
            System.out.println();
            System.out.println(
                    "| idle streams on node 1 | p50 ms | p99 ms | max ms | A's push p50 ms | B's event p50 ms"
                            + " | node 1 heap after GC, MB | heap per 1,000 streams added, MB"
                            + " | direct buffers per 1,000 streams added, MB | resident memory per 1,000 streams added, MB"
                            + " | node 1 threads"
                            + " | threads per 1,000 streams added |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.printf(
                    Locale.ROOT,
                    "(node 1 with no idle streams: %.1f MB heap after GC, %.1f MB direct buffers, %.0f MB resident,"
                            + " %d threads)%n",
                    before.heapBytes() / 1e6,
                    before.directBytes() / 1e6,
                    before.residentBytes() / 1e6,
                    before.threads());
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    /** Milliseconds from the start of device A's push, sorted. */
    private static final class Millis {
        private final double[] sorted;

        private Millis(double[] values) {
            this.sorted = values.clone();
            Arrays.sort(sorted);
        }

        static Millis of(double[] values) {
            return new Millis(values);
        }

        /** Nearest rank. */
        double percentile(double quantile) {
            int rank = (int) Math.ceil(quantile * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        double max() {
            return sorted[sorted.length - 1];
        }
    }

    /** Until B's pull had the record, until A had its push's answer, until B had the event that led to that pull. */
    private record Samples(Millis total, Millis push, Millis event) {}

    /** {@code samples} samples after {@code warmup} discarded ones. */
    private Samples samples(URI pushNode, ListeningDevice deviceB, int warmup, int samples, Duration pause)
            throws Exception {
        double[] total = new double[samples];
        double[] push = new double[samples];
        double[] event = new double[samples];
        for (int i = -warmup; i < samples; i++) {
            Thread.sleep(pause.toMillis());
            String id = "d2d-" + records++;
            long start = System.nanoTime();
            CompletableFuture<Long> pushed = http.sendAsync(
                            HttpRequest.newBuilder(pushNode.resolve("/api/v1/sync"))
                                    .header("Authorization", "Bearer " + token(USER))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(pushBody(id)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "device A's push: HTTP " + response.statusCode() + " " + response.body());
                        }
                        return System.nanoTime();
                    });
            long eventAt = deviceB.awaitRecord("workouts", id, SAMPLE_TIMEOUT);
            long pulledAt = System.nanoTime();
            long pushedAt = pushed.join();
            if (i >= 0) {
                total[i] = (pulledAt - start) / 1e6;
                push[i] = (pushedAt - start) / 1e6;
                event[i] = (eventAt - start) / 1e6;
            }
        }
        return new Samples(Millis.of(total), Millis.of(push), Millis.of(event));
    }

    private String pushBody(String id) throws Exception {
        Map<String, Object> record = Map.of("id", id, "name", "Intervals", "updated_at", System.currentTimeMillis());
        Map<String, Object> workouts = Map.of("created", List.of(record), "updated", List.of(), "deleted", List.of());
        Map<String, Object> body = new HashMap<>();
        body.put("changes", Map.of("workouts", workouts));
        body.put("last_pulled_at", null);
        return json.writeValueAsString(body);
    }

    private String token(String user) {
        return tokens.issue(user, List.of(), Duration.ofHours(6));
    }
}

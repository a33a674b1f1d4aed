package org.fitsync.harness.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.harness.bench.BenchServer;
import org.fitsync.harness.bench.PlainHttpClient;
import org.fitsync.harness.bodies.JoggerTrack;

/**
 * What a runner with a long history waits for: {@code GET /api/v1/stats} over 10,000 runs, by week,
 * month and year, in UTC and in a zone with daylight saving time. FitSync runs as it is deployed
 * ({@code java -jar fitsync.jar serve}, its own JVM) on a fresh embedded database; the history is
 * posted through {@code POST /api/v1/runs} as a phone would, so every run has its figures.
 */
public final class InsightBenchmark {

    private static final String USER = "runner-with-history";
    private static final ObjectMapper JSON = Json.newMapper();

    private InsightBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.insight.runs", 10_000);
        int points = Integer.getInteger("bench.insight.points", 1_800);
        int warmup = Integer.getInteger("bench.insight.warmup", 300);
        int samples = Integer.getInteger("bench.insight.samples", 300);
        System.out.printf(
                Locale.ROOT,
                "FitSync insight benchmark: %d runs of %d points for one user, %d warm-up requests per query,"
                        + " %d timed%n",
                runs,
                points,
                warmup,
                samples);
        DatabaseSettings db = PostgresTestDatabase.fresh();
        try (BenchServer server = BenchServer.start(db, Map.of("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "1000000"));
                PlainHttpClient client = new PlainHttpClient(server.port())) {
            String token = server.token(USER);
            long loadStart = System.nanoTime();
            List<String> runIds = load(client, server.port(), token, runs, points);
            System.out.printf(
                    Locale.ROOT,
                    "History posted: %d runs in %.0f s%n",
                    runIds.size(),
                    (System.nanoTime() - loadStart) / 1e9);
            for (String query : List.of(
                    "period=week",
                    "period=month",
                    "period=year",
                    "period=week&tz=Europe/Berlin",
                    "period=week&from=2020-01-01&to=2020-12-31")) {
                byte[] request =
                        PlainHttpClient.request("GET", server.port(), "/api/v1/stats?" + query, token, "", new byte[0]);
                Latencies latencies = time(client, request, warmup, samples);
                System.out.printf(
                        Locale.ROOT,
                        "GET /api/v1/stats?%-58s p50 %6.1f ms  p99 %6.1f ms  (%d periods)%n",
                        query,
                        latencies.percentile(0.50),
                        latencies.percentile(0.99),
                        latencies.items);
            }
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    /**
     * One run a day from 1999 on, at 06:00 UTC, each a 1 Hz jogger's track at about 2.8 m/s: most of
     * {@code points} points, every 10th three times as long and every 50th a marathon's length (15,100
     * points), so that every standard distance has best efforts. Returns the ids in the order posted.
     */
    private static List<String> load(PlainHttpClient client, int port, String token, int runs, int points)
            throws IOException {
        Random random = new Random(20261204);
        Instant first = Instant.parse("1999-01-01T06:00:00Z");
        List<String> ids = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            Instant start = first.plusSeconds(86_400L * r);
            int length = r % 50 == 49 ? 15_100 : r % 10 == 9 ? 3 * points : points;
            String id = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("started_at", start.toString());
            body.put("ended_at", start.plusSeconds(length).toString());
            body.put("duration_s", length);
            body.put("distance_m", 2.8 * length);
            body.put("source", "phone");
            body.put("track", JoggerTrack.points(random, start, length, 6));
            PlainHttpClient.Response response =
                    client.send(PlainHttpClient.post(port, "/api/v1/runs", token, JSON.writeValueAsBytes(body)));
            if (response.status() != 201) {
                throw new IllegalStateException("run " + r + " was answered " + response.status());
            }
            ids.add(id);
        }
        return ids;
    }

    private static Latencies time(PlainHttpClient client, byte[] request, int warmup, int samples) throws IOException {
        int items = 0;
        for (int i = 0; i < warmup; i++) {
            items = items(client.send(request));
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            PlainHttpClient.Response response = client.send(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
            items = items(response);
        }
        Arrays.sort(millis);
        return new Latencies(millis, items);
    }

    private static int items(PlainHttpClient.Response response) throws IOException {
        if (response.status() != 200) {
            throw new IllegalStateException(
                    "answered " + response.status() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body()).path("items").size();
    }

    /** Sorted request latencies and the size of the last answer. */
    private static final class Latencies {

        private final double[] sortedMillis;
        final int items;

        Latencies(double[] sortedMillis, int items) {
            this.sortedMillis = sortedMillis;
            this.items = items;
        }

        double percentile(double p) {
            int index = (int) Math.ceil(p * sortedMillis.length) - 1;
            return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, index))];
        }
    }
}

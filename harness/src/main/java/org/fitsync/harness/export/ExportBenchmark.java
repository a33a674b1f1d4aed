package org.fitsync.harness.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.harness.bench.BenchServer;
import org.fitsync.harness.bench.PlainHttpClient;
import org.fitsync.harness.bodies.JoggerTrack;

/**
 * The account export of a long history in bounded memory: a user with {@code export.runs} runs (10,000
 * by default), each a 30-60 minute 1 Hz track, posted through {@code POST /api/v1/runs}; then
 * {@code POST /api/v1/me/export}, polled until done, and the zip downloaded through its signed link.
 * The server runs as deployed in its own JVM with a small heap ({@code -Xmx256m} unless
 * {@code bench.server.jvmArgs} says otherwise); its heap is sampled from {@code /metrics} every 200 ms
 * while the export runs. Reports the export's wall time, the zip's size and entries, and the server's
 * peak heap used and peak live data after a collection.
 */
public final class ExportBenchmark {

    private static final String USER = "runner-exporting-history";
    private static final ObjectMapper JSON = Json.newMapper();
    private static final Pattern HEAP_USED =
            Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern LIVE_DATA =
            Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.eE+]+)$", Pattern.MULTILINE);

    private ExportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("export.runs", 10_000);
        if (System.getProperty("bench.server.jvmArgs", "").isBlank()) {
            System.setProperty("bench.server.jvmArgs", "-Xmx256m");
        }
        System.out.printf(
                Locale.ROOT,
                "FitSync export benchmark: %d runs of 30-60 min at 1 Hz for one user, server JVM %s%n",
                runs,
                System.getProperty("bench.server.jvmArgs"));
        DatabaseSettings db = PostgresTestDatabase.fresh();
        try (BenchServer server = BenchServer.start(
                        db, Map.of("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "1000000", "FITSYNC_EXPORT_POLL", "200ms"));
                PlainHttpClient client = new PlainHttpClient(server.port())) {
            String token = server.token(USER);
            long loadStart = System.nanoTime();
            long points = load(client, server.port(), token, runs);
            System.out.printf(
                    Locale.ROOT,
                    "History posted: %d runs, %d points in %.0f s%n",
                    runs,
                    points,
                    (System.nanoTime() - loadStart) / 1e9);
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://localhost:" + server.port());
            HeapSampler heap = new HeapSampler(http, base.resolve("/metrics"));
            heap.sampleOnce();
            System.out.printf(Locale.ROOT, "Server heap before the export: %.0f MiB used%n", heap.peakUsed() / MiB);
            heap.reset();
            Thread sampler = new Thread(heap, "heap-sampler");
            sampler.setDaemon(true);
            long start = System.nanoTime();
            sampler.start();
            JsonNode job = JSON.readTree(send(http, base, "POST", "/api/v1/me/export", token));
            String path = "/api/v1/me/export/" + job.path("id").asText();
            while (!job.path("state").asText().equals("done")) {
                if (job.path("state").asText().equals("failed")) {
                    throw new IllegalStateException("the export failed: " + job);
                }
                Thread.sleep(200);
                job = JSON.readTree(send(http, base, "GET", path, token));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();
            sampler.join();
            long downloadStart = System.nanoTime();
            long[] zip = download(http, URI.create(job.path("download_url").asText()));
            System.out.printf(
                    Locale.ROOT,
                    "Export of %d runs: %.1f s (%.0f runs/s), zip %.1f MiB with %d entries, downloaded in %.1f s%n",
                    job.path("progress").path("runs_done").asInt(),
                    seconds,
                    job.path("progress").path("runs_done").asInt() / seconds,
                    zip[0] / MiB,
                    zip[1],
                    (System.nanoTime() - downloadStart) / 1e9);
            // G1 reports live data only after a concurrent or full collection: 0 means none was needed.
            String live = heap.peakLive() > 0
                    ? String.format(Locale.ROOT, "%.0f MiB", heap.peakLive() / MiB)
                    : "not reported (no old-generation collection was needed)";
            System.out.printf(
                    Locale.ROOT,
                    "Server heap while exporting (%d samples): peak used %.0f MiB, peak live data after GC %s%n",
                    heap.samples(),
                    heap.peakUsed() / MiB,
                    live);
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    private static final double MiB = 1024.0 * 1024.0;

    /** One run a day from 1999 on, each 30-60 minutes of a 1 Hz jogger's track; returns the points posted. */
    private static long load(PlainHttpClient client, int port, String token, int runs) throws IOException {
        Random random = new Random(20261204);
        Instant first = Instant.parse("1999-01-01T06:00:00Z");
        long points = 0;
        for (int r = 0; r < runs; r++) {
            Instant start = first.plusSeconds(86_400L * r);
            int length = 1_800 + random.nextInt(1_801);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", UUID.randomUUID().toString());
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
            points += length;
            if ((r + 1) % 1_000 == 0) {
                System.out.printf(Locale.ROOT, "  %d runs posted%n", r + 1);
            }
        }
        return points;
    }

    private static String send(HttpClient http, URI base, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " was answered " + response.statusCode());
        }
        return response.body();
    }

    /** Streams the zip through without keeping it; returns its size and its number of entries. */
    private static long[] download(HttpClient http, URI link) throws IOException, InterruptedException {
        HttpResponse<InputStream> response =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the download link was answered " + response.statusCode());
        }
        CountingStream counted = new CountingStream(response.body());
        long entries = 0;
        try (ZipInputStream zip = new ZipInputStream(counted, StandardCharsets.UTF_8)) {
            byte[] buffer = new byte[64 * 1024];
            while (zip.getNextEntry() != null) {
                while (zip.read(buffer) != -1) {
                    // only counted
                }
                entries++;
            }
            while (counted.read(buffer) != -1) {
                // the central directory
            }
        }
        return new long[] {counted.count.get(), entries};
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /** Samples the server's heap from its Prometheus metrics until stopped. */
    private static final class HeapSampler implements Runnable {
        private final HttpClient http;
        private final URI metrics;
        private volatile boolean running = true;
        private double peakUsed;
        private double peakLive;
        private int samples;

        HeapSampler(HttpClient http, URI metrics) {
            this.http = http;
            this.metrics = metrics;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    sampleOnce();
                    Thread.sleep(200);
                } catch (IOException e) {
                    // a missed sample
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized void sampleOnce() throws IOException, InterruptedException {
            String text = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            double used = 0;
            Matcher heap = HEAP_USED.matcher(text);
            while (heap.find()) {
                used += Double.parseDouble(heap.group(1));
            }
            Matcher live = LIVE_DATA.matcher(text);
            if (live.find()) {
                peakLive = Math.max(peakLive, Double.parseDouble(live.group(1)));
            }
            peakUsed = Math.max(peakUsed, used);
            samples++;
        }

        synchronized void reset() {
            peakUsed = 0;
            peakLive = 0;
            samples = 0;
        }

        void stop() {
            running = false;
        }

        synchronized double peakUsed() {
            return peakUsed;
        }

        synchronized double peakLive() {
            return peakLive;
        }

        synchronized int samples() {
            return samples;
        }
    }
}

package org.fitsync.harness.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.harness.bench.BenchServer;
import org.fitsync.harness.bench.CpuMeter;

/**
 * Activity files end to end against the packaged jar in its own JVM on an embedded PostgreSQL
 * (docs/benchmarks.md, "Activity files"): one-hour 1 Hz FIT uploads by concurrent clients (per-file
 * time from declaration to imported, p50/p99, files/s, server CPU), then the import rate of a Strava
 * archive of 1,000 activities. Warm-up uploads and a warm-up archive go first and are discarded.
 * System properties: bench.files.clients (8), bench.files.uploads (per client, 25), bench.files.warmup
 * (warm-up uploads per client, 10), bench.files.fallbackPollMs (200: a file is read on each
 * change event of its user, and this often without one), bench.files.activities (1000),
 * bench.files.activitySeconds (1200), bench.files.archiveWarmup (100), bench.files.workers (the server's
 * FITSYNC_FILES_WORKERS; unset: its default), bench.files.serverPoll (its FITSYNC_FILES_POLL), bench.jar, bench.server.jvmArgs.
 */
public final class FileIngestBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.files.clients", 8);
        int uploads = Integer.getInteger("bench.files.uploads", 25);
        int warmup = Integer.getInteger("bench.files.warmup", 10);
        Duration fallback = Duration.ofMillis(Integer.getInteger("bench.files.fallbackPollMs", 200));
        int activities = Integer.getInteger("bench.files.activities", 1000);
        int activitySeconds = Integer.getInteger("bench.files.activitySeconds", 1200);
        int archiveWarmup = Integer.getInteger("bench.files.archiveWarmup", 100);

        DatabaseSettings db = PostgresTestDatabase.fresh();
        try (FakeStrava strava = FakeStrava.start(FakeStravaConfig.generous());
                BenchServer server = BenchServer.start(db, settings(strava))) {
            CpuMeter cpu = new CpuMeter(CpuMeter.postgresPort(db), server.pid());
            System.out.printf(
                    Locale.ROOT,
                    "Activity files benchmark: server java -jar fitsync.jar serve (pid %d), FITSYNC_FILES_WORKERS=%s,"
                            + " FITSYNC_FILES_POLL=%s, %d cores%n",
                    server.pid(),
                    System.getProperty("bench.files.workers", "default"),
                    System.getProperty("bench.files.serverPoll", "default"),
                    Runtime.getRuntime().availableProcessors());

            HttpClient events = HttpClient.newHttpClient();
            UploadPhase phase = new UploadPhase(
                    new UploadPhase.Clients() {
                        @Override
                        public FilesClient client(int i) throws IOException {
                            return new FilesClient(server.port(), server.token("uploader-" + i));
                        }

                        @Override
                        public ChangeSignal changes(int i) throws IOException, InterruptedException {
                            return new ChangeSignal(events, server.port(), server.token("uploader-" + i));
                        }
                    },
                    fallback);
            phase.run(clients, warmup, Instant.parse("2023-06-01T06:00:00Z"));
            cpu.awaitCompilerIdle(Duration.ofSeconds(20));
            CpuMeter.Reading before = cpu.now();
            UploadPhase.Result up = phase.run(clients, uploads, Instant.parse("2024-06-01T06:00:00Z"));
            CpuMeter.Reading used = cpu.now().minus(before);
            System.out.printf(
                    Locale.ROOT,
                    "Uploads     : %d one-hour 1 Hz FIT files (3,600 records, %d bytes each) by %d clients after %d"
                            + " warm-up files; each file read on its user's change events (else every %d ms)%n",
                    up.files(),
                    FitRunWriter.run(Instant.EPOCH, 3600).length,
                    clients,
                    clients * warmup,
                    fallback.toMillis());
            System.out.printf(
                    Locale.ROOT,
                    "  declared -> imported: p50 %.0f ms, p99 %.0f ms, max %.0f ms (of which declare+PUT+complete"
                            + " p50 %.0f ms); %.1f files/s%n",
                    UploadPhase.percentile(up.serverMs(), 0.50),
                    UploadPhase.percentile(up.serverMs(), 0.99),
                    up.serverMs()[up.files() - 1],
                    UploadPhase.percentile(up.uploadMs(), 0.50),
                    up.files() / up.seconds());
            System.out.printf(
                    Locale.ROOT,
                    "  CPU per file: server JVM %.1f ms (JIT %.1f, GC %.1f), PostgreSQL %.1f ms%n",
                    used.jvmNanos() / 1e6 / up.files(),
                    used.jitNanos() / 1e6 / up.files(),
                    used.gcNanos() / 1e6 / up.files(),
                    used.postgresNanos() / 1e6 / up.files());

            try (FilesClient warm = client(server, "archive-warmup");
                    FilesClient api = client(server, "archive")) {
                ArchivePhase.run(warm, archiveWarmup, activitySeconds, Instant.parse("2022-12-31T07:00:00Z"));
                before = cpu.now();
                ArchivePhase.Result archive =
                        ArchivePhase.run(api, activities, activitySeconds, Instant.parse("2024-12-31T07:00:00Z"));
                used = cpu.now().minus(before);
                System.out.printf(
                        Locale.ROOT,
                        "Archive     : %d activities (%d s at 1 Hz; 9 in 10 FIT, 1 in 10 GPX, gzipped), %.1f MB zip,"
                                + " after a %d-activity warm-up archive%n",
                        activities,
                        activitySeconds,
                        archive.zipBytes() / 1e6,
                        archiveWarmup);
                System.out.printf(
                        Locale.ROOT,
                        "  imported %d in %.1f s server time (%.1f s observed): %.1f activities/s;"
                                + " CPU per activity: server JVM %.1f ms, PostgreSQL %.1f ms%n",
                        archive.imported(),
                        archive.serverSeconds(),
                        archive.observedSeconds(),
                        archive.imported() / archive.serverSeconds(),
                        used.jvmNanos() / 1e6 / activities,
                        used.postgresNanos() / 1e6 / activities);
            }
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    /**
     * The server's settings: Strava configured (the imports feature, the archive's included, is on only
     * then) against a fake that is never called; the per-user write limit off, since the benchmark's few
     * users write far faster than a person does.
     */
    private static Map<String, String> settings(FakeStrava strava) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString(),
                "FITSYNC_STRAVA_CLIENT_ID", strava.config().clientId(),
                "FITSYNC_STRAVA_CLIENT_SECRET", strava.config().clientSecret(),
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "0"));
        String workers = System.getProperty("bench.files.workers");
        if (workers != null) {
            env.put("FITSYNC_FILES_WORKERS", workers);
        }
        // An idle file worker looks for work this often: the wait of a file that arrives meanwhile.
        String poll = System.getProperty("bench.files.serverPoll");
        if (poll != null) {
            env.put("FITSYNC_FILES_POLL", poll);
        }
        return env;
    }

    private static FilesClient client(BenchServer server, String user) {
        try {
            return new FilesClient(server.port(), server.token(user));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

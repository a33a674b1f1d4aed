package org.fitsync.harness.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent clients, each uploading its own one-hour FIT files one after another (declare, PUT,
 * complete, then read the file on each of its user's change events until imported), timing each file
 * from the declaration to the first read that sees it imported. Every file is a distinct run: its own start time, so its own bytes.
 */
final class UploadPhase {

    /** Per-file times (ms, sorted) from declaration to imported, and of that the upload's part; wall time (s). */
    @SuppressWarnings("ArrayRecordComponent") // results read once, never compared
    record Result(double[] serverMs, double[] uploadMs, double seconds) {
        int files() {
            return serverMs.length;
        }
    }

    /** Client number i: its own user, connection and change events. */
    interface Clients {
        FilesClient client(int i) throws IOException;

        ChangeSignal changes(int i) throws IOException, InterruptedException;
    }

    private final Clients clients;
    private final Duration fallback;

    /** {@code fallback}: how often a client reads its file when no change event came. */
    UploadPhase(Clients clients, Duration fallback) {
        this.clients = clients;
        this.fallback = fallback;
    }

    /** {@code clientCount} clients upload {@code perClient} files each, runs two hours apart back from {@code newest}. */
    Result run(int clientCount, int perClient, Instant newest) throws Exception {
        List<List<byte[]>> files = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            List<byte[]> own = new ArrayList<>();
            for (int i = 0; i < perClient; i++) {
                own.add(FitRunWriter.run(newest.minus(Duration.ofHours(2L * (c * perClient + i))), 3600));
            }
            files.add(own);
        }
        double[] server = new double[clientCount * perClient];
        double[] upload = new double[clientCount * perClient];
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    uploadAll(client, files.get(client), server, upload, client * perClient);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(server);
            Arrays.sort(upload);
            return new Result(server, upload, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private void uploadAll(int client, List<byte[]> files, double[] server, double[] upload, int at)
            throws IOException, InterruptedException {
        try (FilesClient api = clients.client(client);
                ChangeSignal changes = clients.changes(client)) {
            for (int i = 0; i < files.size(); i++) {
                UUID id = UUID.randomUUID();
                long start = System.nanoTime();
                api.upload(id, "Morning_Run.fit", files.get(i));
                long uploaded = System.nanoTime();
                JsonNode file = api.awaitFile(id, changes, fallback);
                long done = System.nanoTime();
                if (!file.path("state").asText().equals("imported")) {
                    throw new IllegalStateException("a file ended " + file.path("state") + ": " + file);
                }
                server[at + i] = (done - start) / 1e6;
                upload[at + i] = (uploaded - start) / 1e6;
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

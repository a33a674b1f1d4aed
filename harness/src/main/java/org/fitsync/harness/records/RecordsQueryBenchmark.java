package org.fitsync.harness.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.run.PostgresBestEfforts;
import org.fitsync.adapter.postgres.run.PostgresRuns;
import org.fitsync.adapter.postgres.sync.PostgresServerRecords;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.run.PersonalRecordsPublisher;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.domain.sync.CollectionRegistry;
import org.jdbi.v3.core.Jdbi;

/**
 * The records after a delete in a 10,000-run history (docs/benchmarks.md, "Best efforts"): a fresh
 * embedded PostgreSQL, one user with {@code bench.records.runs} runs of seven best efforts each, the
 * app role under row-level security. Each step deletes the run holding every record (as
 * {@code DELETE /api/v1/runs/{id}} does, in its transaction) and then reads the records on a snapshot
 * (as {@code GET /api/v1/records} does): the next-best run must hold them. Warm-up steps are discarded.
 * System properties: bench.records.runs (10,000), bench.records.warmup (50), bench.records.steps (500).
 */
public final class RecordsQueryBenchmark {

    public static void main(String[] args) {
        int runs = Integer.getInteger("bench.records.runs", 10_000);
        int warmup = Integer.getInteger("bench.records.warmup", 50);
        int steps = Integer.getInteger("bench.records.steps", 500);
        DatabaseSettings settings = PostgresTestDatabase.fresh();
        try (PostgresDatabase database = PostgresDatabase.connect(settings, null)) {
            seed(Jdbi.create(PostgresTestDatabase.ownerDataSource(settings)), runs);
            PostgresTransactions transactions = new PostgresTransactions(database.jdbi());
            PostgresRuns store = new PostgresRuns();
            PostgresBestEfforts efforts = new PostgresBestEfforts();
            UserId user = new UserId("bench-records");
            PersonalRecordsPublisher publisher = PersonalRecordsPublisher.into(
                    CollectionRegistry.defaults().find("personal_records"),
                    efforts,
                    new PostgresServerRecords(),
                    Clock.systemUTC());
            List<Double> deleteMs = new ArrayList<>();
            List<Double> publishMs = new ArrayList<>();
            List<Double> readMs = new ArrayList<>();
            // Run g is faster than run g - 1 at every distance: deleting the fastest hands every record on.
            for (int step = 0; step < warmup + steps; step++) {
                int holder = runs - step;
                UUID id = runId(holder);
                long version = runs + 1L + step;
                // Odd steps also publish the records into personal_records, as every run write does:
                // the two kinds alternate, so both see the same machine and the same history size.
                boolean publish = step % 2 == 1;
                long started = System.nanoTime();
                transactions.inUserTransaction(user, () -> {
                    store.deleteRun(user, id, version);
                    if (publish) {
                        publisher.republish(user, version);
                    }
                    return null;
                });
                long deleted = System.nanoTime();
                PersonalRecords records = transactions.inUserSnapshot(user, () -> efforts.loadPersonalRecords(user));
                long read = System.nanoTime();
                UUID next = runId(holder - 1);
                if (records.bestEfforts().size() != 7
                        || !records.bestEfforts().stream()
                                .allMatch(e -> e.runId().equals(next))) {
                    throw new IllegalStateException("the next-best run does not hold the records at step " + step);
                }
                if (step >= warmup) {
                    (publish ? publishMs : deleteMs).add((deleted - started) / 1e6);
                    readMs.add((read - deleted) / 1e6);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "Records after a delete: %,d runs x 7 best efforts, %d warm-up + %d measured deletes%n",
                    runs,
                    warmup,
                    steps);
            print("delete (transaction)", deleteMs);
            print("delete + records published to sync", publishMs);
            print("records read (snapshot)", readMs);
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    private static void seed(Jdbi owner, int runs) {
        owner.useHandle(h -> {
            h.createUpdate("""
                            INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                                point_count, track, content_hash, created_version, version, elevation_gain_m)
                            SELECT 'bench-records', id, t, t + interval '4 hours', 14000, 42195 + g, 'phone', '', 0,
                                '\\x0100'::bytea, repeat('0', 64), g, g, g % 500
                            FROM generate_series(1, :runs) g,
                                LATERAL (SELECT timestamptz '2000-01-01' + g * interval '8 hours' AS t,
                                    CAST(md5('run-' || g) AS uuid) AS id) s""").bind("runs", runs).execute();
            h.execute("""
                    INSERT INTO run_best_efforts (user_id, run_id, distance, elapsed_ms, started_at)
                    SELECT r.user_id, r.id, x.d, (20000000 - r.created_version) * x.k, r.started_at
                    FROM runs r, unnest(ARRAY['400m', '1k', '1mi', '5k', '10k', 'half_marathon', 'marathon'])
                        WITH ORDINALITY AS x(d, k)
                    WHERE r.user_id = 'bench-records'""");
            h.execute("ANALYZE runs");
            h.execute("ANALYZE run_best_efforts");
        });
    }

    /** {@code CAST(md5('run-' || g) AS uuid)}, as the seed names the runs. */
    private static UUID runId(int g) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(("run-" + g).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String what, List<Double> ms) {
        Collections.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "  %-24s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                what,
                ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.99) - 1),
                ms.get(ms.size() - 1));
    }
}

package org.fitsync.harness.records;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.run.PostgresBestEfforts;
import org.fitsync.adapter.postgres.run.PostgresRunFigures;
import org.fitsync.adapter.postgres.run.TrackCodec;
import org.fitsync.adapter.postgres.sync.PostgresServerRecords;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.run.PersonalRecordsPublisher;
import org.fitsync.application.run.RunFiguresBackfill;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.ports.in.run.FiguresBackfillReport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The figures backfill of an upgraded database (docs/benchmarks.md, "Figures backfill"): a fresh
 * embedded PostgreSQL holding {@code bench.backfill.runs} runs stored without figures, spread over
 * {@code bench.backfill.users} users, each a 1 Hz track of 30 to 90 minutes with elevations and GPS-like
 * jitter (as TrackCodec stores them). One pass of {@link RunFiguresBackfill} over all of them, as a
 * node's worker runs it (the app role, row-level security, each batch in its user's transaction with
 * the records republished), timed end to end; then a second pass over the emptied queue. System
 * properties: bench.backfill.runs (2,000), bench.backfill.users (20).
 */
public final class FiguresBackfillBenchmark {

    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;
    private static final Instant FIRST_RUN = Instant.parse("2019-01-01T06:00:00Z");

    public static void main(String[] args) {
        int runs = Integer.getInteger("bench.backfill.runs", 2_000);
        int users = Integer.getInteger("bench.backfill.users", 20);
        DatabaseSettings settings = PostgresTestDatabase.fresh();
        try (PostgresDatabase database = PostgresDatabase.connect(settings, null)) {
            long points = seed(Jdbi.create(PostgresTestDatabase.ownerDataSource(settings)), runs, users);
            PostgresBestEfforts efforts = new PostgresBestEfforts();
            PostgresRunFigures figures = new PostgresRunFigures(database.jdbi());
            RunFiguresBackfill backfill = new RunFiguresBackfill(
                    new PostgresTransactions(database.jdbi()),
                    new PostgresSyncVersions(),
                    figures,
                    figures,
                    efforts,
                    PersonalRecordsPublisher.into(
                            CollectionRegistry.defaults().find("personal_records"),
                            efforts,
                            new PostgresServerRecords(),
                            Clock.systemUTC()));

            long started = System.nanoTime();
            FiguresBackfillReport report = backfill.drain();
            double seconds = (System.nanoTime() - started) / 1e9;
            long emptyStarted = System.nanoTime();
            FiguresBackfillReport again = backfill.drain();
            double emptyMs = (System.nanoTime() - emptyStarted) / 1e6;
            if (report.runsBackfilled() != runs || again.runsBackfilled() != 0 || report.usersFailed() != 0) {
                throw new IllegalStateException(
                        "the backfill did not compute every run once: " + report + ", " + again);
            }
            System.out.printf(
                    Locale.ROOT,
                    "Figures backfill: %,d runs (%,d points, 1 Hz, 30-90 min each) of %d users, Java %s%n",
                    runs,
                    points,
                    users,
                    Runtime.version());
            System.out.printf(
                    Locale.ROOT,
                    "  one pass: %.2f s, %,.0f runs/s (%,.0f points/s); a pass over the emptied queue: %.1f ms%n",
                    seconds,
                    runs / seconds,
                    points / seconds,
                    emptyMs);
        } finally {
            PostgresTestDatabase.shutDown();
        }
    }

    /** Inserts the runs as the database owner, as a version before the figures stored them; answers the points. */
    private static long seed(Jdbi owner, int runs, int users) {
        SplittableRandom random = new SplittableRandom(105);
        long[] points = {0};
        owner.useTransaction(h -> {
            for (int u = 0; u < users; u++) {
                h.createUpdate("INSERT INTO sync_state (user_id, version) VALUES (:user, :version)")
                        .bind("user", user(u))
                        .bind("version", runs)
                        .execute();
            }
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO runs (user_id, id, started_at, ended_at, duration_s, distance_m, source, polyline,
                        point_count, track, content_hash, created_version, version)
                    VALUES (:user, :id, :started, :ended, :duration, :distance, 'garmin', '', :points, :track,
                        repeat('0', 64), :version, :version)""");
            for (int r = 0; r < runs; r++) {
                int seconds = 60 * (30 + random.nextInt(61));
                Instant start = FIRST_RUN.plusSeconds(86_400L * (r / users));
                Track track = track(start, seconds + 1, random);
                points[0] += track.size();
                batch.bind("user", user(r % users))
                        .bind("id", UUID.nameUUIDFromBytes(("bench-backfill-" + r).getBytes(StandardCharsets.UTF_8)))
                        .bind("started", start.atOffset(ZoneOffset.UTC))
                        .bind("ended", start.plusSeconds(seconds + 1).atOffset(ZoneOffset.UTC))
                        .bind("duration", seconds)
                        .bind("distance", 3.2 * seconds)
                        .bind("points", track.size())
                        .bind("track", TrackCodec.encode(track))
                        .bind("version", r + 1)
                        .add();
                if (batch.size() == 200) {
                    batch.execute();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            h.execute("ANALYZE runs");
        });
        return points[0];
    }

    private static String user(int u) {
        return "bench-backfill-" + u;
    }

    /** A run at 2.5 to 4.5 m/s drifting a little every second, GPS jitter of a metre or two, rolling hills. */
    private static Track track(Instant start, int points, SplittableRandom random) {
        Track.Builder track = Track.builder(points);
        double north = 0;
        double east = 0;
        double speed = 3.2;
        double heading = random.nextDouble(0, 2 * Math.PI);
        double hills = random.nextDouble(5, 40);
        for (int i = 0; i < points; i++) {
            speed = Math.max(2.5, Math.min(4.5, speed + random.nextDouble(-0.1, 0.1)));
            heading += random.nextDouble(-0.05, 0.05);
            north += speed * Math.cos(heading);
            east += speed * Math.sin(heading);
            double lat = 47.3 + (north + random.nextDouble(-1.5, 1.5)) / METRES_PER_DEGREE;
            double lon =
                    8.5 + (east + random.nextDouble(-1.5, 1.5)) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(47.3)));
            double elevation = 400 + hills * Math.sin(i / 300.0) + random.nextDouble(-0.5, 0.5);
            track.add(start.toEpochMilli() + 1000L * i, lat, lon, elevation);
        }
        return track.build();
    }
}

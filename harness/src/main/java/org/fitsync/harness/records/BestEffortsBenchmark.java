package org.fitsync.harness.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEfforts;
import org.fitsync.domain.run.Track;

/**
 * Best efforts of a 6-hour 1 Hz track (docs/benchmarks.md, "Best efforts"): all seven distances, as
 * ingest computes them (the haversine progress, then one two-pointer search per distance), in this
 * JVM. Warm-up rounds are discarded; each measured round repeats the computation until its time is up.
 * System properties: bench.efforts.hours (6), bench.efforts.warmup (warm-up rounds, 5),
 * bench.efforts.rounds (10), bench.efforts.seconds (seconds per round, 1).
 */
public final class BestEffortsBenchmark {

    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    public static void main(String[] args) {
        int hours = Integer.getInteger("bench.efforts.hours", 6);
        int warmup = Integer.getInteger("bench.efforts.warmup", 5);
        int rounds = Integer.getInteger("bench.efforts.rounds", 10);
        double seconds = Double.parseDouble(System.getProperty("bench.efforts.seconds", "1"));
        Track track = track(hours * 3600 + 1, new SplittableRandom(16));

        List<BestEffort> efforts = BestEfforts.of(track, Optional.empty());
        System.out.printf(
                Locale.ROOT,
                "Best efforts benchmark: %,d points (%d h at 1 Hz), %d distances found, Java %s,"
                        + " %d warm-up + %d measured rounds of %.1f s%n",
                track.size(),
                hours,
                efforts.size(),
                Runtime.version(),
                warmup,
                rounds,
                seconds);
        for (BestEffort effort : efforts) {
            System.out.printf(
                    Locale.ROOT, "  %-14s %10.1f s%n", effort.distance().wireName(), effort.elapsedMs() / 1000.0);
        }
        long sink = 0;
        List<Double> perCallMs = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long started = System.nanoTime();
            int calls = 0;
            do {
                sink += BestEfforts.of(track, Optional.empty()).size();
                calls++;
            } while (System.nanoTime() < deadline);
            double ms = (System.nanoTime() - started) / 1e6 / calls;
            if (round >= warmup) {
                perCallMs.add(ms);
            }
        }
        Collections.sort(perCallMs);
        System.out.printf(
                Locale.ROOT,
                "  per run (all 7 distances): median %.2f ms, best round %.2f ms, worst round %.2f ms (%d)%n",
                perCallMs.get(perCallMs.size() / 2),
                perCallMs.get(0),
                perCallMs.get(perCallMs.size() - 1),
                sink % 10);
    }

    /** A run at 2.5 to 4.5 m/s that drifts a little every second, with GPS-like jitter of a metre or two. */
    private static Track track(int points, SplittableRandom random) {
        Track.Builder track = Track.builder(points);
        long t0 = 1_795_158_000_000L;
        double north = 0;
        double east = 0;
        double speed = 3.2;
        double heading = 0;
        for (int i = 0; i < points; i++) {
            speed = Math.max(2.5, Math.min(4.5, speed + random.nextDouble(-0.1, 0.1)));
            heading += random.nextDouble(-0.05, 0.05);
            north += speed * Math.cos(heading);
            east += speed * Math.sin(heading);
            double lat = 52.5 + (north + random.nextDouble(-1.5, 1.5)) / METRES_PER_DEGREE;
            double lon =
                    13.4 + (east + random.nextDouble(-1.5, 1.5)) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(52.5)));
            track.add(t0 + 1000L * i, lat, lon, 40 + 20 * Math.sin(i / 600.0));
        }
        return track.build();
    }
}

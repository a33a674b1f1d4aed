package org.fitsync.harness.bodies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Track bodies for harnesses: a jogger's 1 Hz random walk, as {@code track} arrays of the runs API. */
public final class JoggerTrack {

    private JoggerTrack() {}

    /**
     * A jogger's random walk at about 2.8 m/s with GPS jitter, coordinates rounded to {@code decimals},
     * elevation in decimetres, every 50th fix without one.
     */
    public static List<List<Object>> points(Random random, Instant start, int count, int decimals) {
        double scale = Math.pow(10, decimals);
        double lat = 52.52 + random.nextDouble() * 0.01;
        double lon = 13.40 + random.nextDouble() * 0.01;
        double heading = random.nextDouble() * 2 * Math.PI;
        List<List<Object>> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            heading += (random.nextDouble() - 0.5) * 0.2;
            lat += Math.cos(heading) * 2.8 / 111_195 + random.nextGaussian() * 1e-6;
            lon += Math.sin(heading) * 2.8 / (111_195 * Math.cos(Math.toRadians(lat))) + random.nextGaussian() * 1e-6;
            Object elevation = i % 50 == 0 ? null : Math.round((34 + 5 * Math.sin(i / 300.0)) * 10) / 10.0;
            points.add(Arrays.asList(
                    start.toEpochMilli() + 1000L * i,
                    Math.round(lat * scale) / scale,
                    Math.round(lon * scale) / scale,
                    elevation));
        }
        return points;
    }
}

package org.fitsync.domain.run;

import java.util.List;

/** A run's raw GPS track, in recording order, exactly as submitted. */
public record Track(List<TrackPoint> points) {

    public static final int MAX_POINTS = 200_000;
    public static final Track EMPTY = new Track(List.of());

    public Track {
        points = List.copyOf(points);
    }

    public int size() {
        return points.size();
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}

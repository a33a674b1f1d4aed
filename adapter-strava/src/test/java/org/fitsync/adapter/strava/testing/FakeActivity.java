package org.fitsync.adapter.strava.testing;

import java.time.Instant;

/** An activity the fake Strava holds: what it lists, and whether it has a GPS stream. */
public record FakeActivity(
        long id,
        String name,
        String sportType,
        Instant startDate,
        int elapsedSeconds,
        int movingSeconds,
        double distanceM,
        boolean hasGps,
        double startLat,
        double startLon) {

    public boolean isRun() {
        return sportType.equals("Run") || sportType.equals("TrailRun") || sportType.equals("VirtualRun");
    }

    /** Runs whose import stores a track: outdoor runs with GPS. */
    public boolean storesTrack() {
        return hasGps && (sportType.equals("Run") || sportType.equals("TrailRun"));
    }
}

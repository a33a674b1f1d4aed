package org.fitsync.ports.in.privacy;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * All a public link shows of a run: its summary and its track as others may see it, as polylines.
 * Nothing else of the run or its owner is reachable from a link, so nothing else is here.
 */
public record SharedRun(
        Instant startedAt,
        double distanceM,
        long durationS,
        long movingTimeS,
        OptionalDouble elevationGainM,
        String polyline,
        List<String> segmentPolylines) {

    public SharedRun {
        segmentPolylines = List.copyOf(segmentPolylines);
    }
}

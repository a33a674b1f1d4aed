package org.fitsync.domain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.LatLon;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;

/**
 * A track as others may see it: the stretches left after {@link TrackRedaction}, in order. Where the
 * run passed through something hidden there is a gap between two segments, never a point.
 */
public record RedactedTrack(List<Track> segments) {

    public RedactedTrack {
        segments = List.copyOf(segments);
        if (segments.stream().anyMatch(Track::isEmpty)) {
            throw new IllegalArgumentException("a segment holds at least one point");
        }
    }

    /** The whole track, as one segment (a user who hides nothing; an empty track has none). */
    public static RedactedTrack whole(Track track) {
        return new RedactedTrack(track.isEmpty() ? List.of() : List.of(track));
    }

    public int pointCount() {
        return segments.stream().mapToInt(Track::size).sum();
    }

    /** Every point left, the segments one after another. */
    public Track joined() {
        if (segments.size() == 1) {
            return segments.get(0);
        }
        Track.Builder builder = Track.builder(pointCount());
        for (Track segment : segments) {
            for (int i = 0; i < segment.size(); i++) {
                if (segment.hasElevation(i)) {
                    builder.add(segment.epochMs(i), segment.lat(i), segment.lon(i), segment.elevationM(i));
                } else {
                    builder.add(segment.epochMs(i), segment.lat(i), segment.lon(i));
                }
            }
        }
        return builder.build();
    }

    /**
     * One polyline over every segment, simplified as a stored run's is. It joins one segment's last
     * point to the next one's first with a straight line across what was cut; none of its points is
     * hidden. {@link #segmentPolylines} draws the gaps.
     */
    public String polyline(TrackSimplifier simplifier) {
        List<LatLon> points = new ArrayList<>();
        for (Track segment : segments) {
            points.addAll(simplifier.simplify(segment));
        }
        return EncodedPolyline.encode(points);
    }

    /** A polyline per segment. */
    public List<String> segmentPolylines(TrackSimplifier simplifier) {
        List<String> polylines = new ArrayList<>(segments.size());
        for (Track segment : segments) {
            polylines.add(EncodedPolyline.encode(simplifier.simplify(segment)));
        }
        return polylines;
    }
}

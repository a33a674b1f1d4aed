package org.fitsync.domain.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the overlap policy needs to know about a stored run: when it ran, where it came from, when
 * it arrived ({@code arrival}, the sync version that created it: strictly increasing per user), and
 * its current flags and notes.
 */
public record TimelineRun(
        UUID id,
        TimeSpan span,
        Source source,
        long arrival,
        Optional<String> notes,
        boolean overlapping,
        List<UUID> overlaps) {

    public TimelineRun {
        overlaps = List.copyOf(overlaps);
    }

    public OverlapState state() {
        return new OverlapState(overlapping, overlaps);
    }
}

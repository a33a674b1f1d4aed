package org.fitsync.domain.run;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A run's overlap flag and the ids of the runs it overlaps (sorted, for stable output). */
public record OverlapState(boolean overlapping, List<UUID> overlaps) {

    public static final OverlapState CLEAR = new OverlapState(false, List.of());

    public OverlapState {
        overlaps = List.copyOf(overlaps.stream().sorted().collect(Collectors.toList()));
    }
}

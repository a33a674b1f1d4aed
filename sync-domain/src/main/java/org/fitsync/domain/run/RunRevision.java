package org.fitsync.domain.run;

import java.util.Optional;
import java.util.UUID;

/**
 * A change the overlap policy makes to one run: its new flags and, when it became the canonical
 * record of an activity without notes of its own, the notes it takes over.
 */
public record RunRevision(UUID id, OverlapState state, Optional<String> carriedNotes) {}

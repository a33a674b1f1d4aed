package org.fitsync.domain.run;

import java.time.Instant;
import java.util.UUID;

/** The position after a page of the history, ordered by {@code started_at} desc then {@code id} desc. */
public record PageKey(Instant startedAt, UUID id) {}

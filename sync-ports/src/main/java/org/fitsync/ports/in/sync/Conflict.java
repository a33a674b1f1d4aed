package org.fitsync.ports.in.sync;

import org.fitsync.domain.sync.ConflictWinner;
import org.fitsync.domain.sync.RecordId;

/** A concurrent edit a push settled, and whose version won. */
public record Conflict(String table, RecordId id, ConflictWinner winner) {}

package org.fitsync.ports.out.run;

import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunFigures;

/** Keeps the figures computed for a run stored before they existed, and marks it computed. */
public interface StoreRunFiguresPort {

    /** Stores {@code figures} for the user's run {@code runId}; it no longer awaits figures after. */
    void storeFigures(UserId user, UUID runId, RunFigures figures);
}

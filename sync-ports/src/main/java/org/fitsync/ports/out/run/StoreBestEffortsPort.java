package org.fitsync.ports.out.run;

import java.util.List;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;

/** Keeps a newly stored run's best efforts beside it, in the transaction that stored the run. */
public interface StoreBestEffortsPort {

    /** Stores {@code efforts} (at most one per distance) for the user's run {@code runId}. */
    void storeBestEfforts(UserId user, UUID runId, List<BestEffort> efforts);
}

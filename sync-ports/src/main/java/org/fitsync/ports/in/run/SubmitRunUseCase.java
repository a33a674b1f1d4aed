package org.fitsync.ports.in.run;

/**
 * Stores a finished run, idempotently by its id, and flags it and the runs it overlaps. Used by the
 * public API and by the Strava import alike, so both obey the same rules.
 */
public interface SubmitRunUseCase {

    SubmitRunResult submit(SubmitRunCommand command);
}

package org.fitsync.ports.in.run;

import java.util.UUID;
import org.fitsync.domain.run.StoredRun;

/** What became of a submitted run. Only {@link Created} changed anything. */
public sealed interface SubmitRunResult {

    /** A new run, stored and flagged. */
    record Created(StoredRun run) implements SubmitRunResult {}

    /** The same id with the same content was stored before: a retry, answered with the stored run. */
    record AlreadyStored(StoredRun run) implements SubmitRunResult {}

    /** The id is taken by a run with other content. */
    record ContentConflict(UUID id) implements SubmitRunResult {}

    /** The id belonged to a run the user deleted; a late retry must not bring it back. */
    record DeletedBefore(UUID id) implements SubmitRunResult {}

    /** Another live run of the user was imported from the same Strava activity. */
    record StravaIdTaken(String stravaId, UUID existingRun) implements SubmitRunResult {}
}

package org.fitsync.ports.out.files;

import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunDraft;

/**
 * Stores the run made of a file through the runs feature's use cases (the rules of
 * {@code POST /api/v1/runs}), joining the caller's transaction.
 */
public interface StoreFileRunPort {

    RunStore store(UserId user, RunDraft draft);

    /** What became of the run. */
    sealed interface RunStore {
        record Stored(UUID runId) implements RunStore {}

        /** A run with this id is stored already (the same bytes, made into a run before). */
        record AlreadyStored(UUID runId) implements RunStore {}

        /** The run with this id was deleted by the user; it is not brought back. */
        record Deleted(UUID runId) implements RunStore {}

        /** The run breaks the run rules; {@code detail} names the fields. */
        record Rejected(String detail) implements RunStore {}
    }
}

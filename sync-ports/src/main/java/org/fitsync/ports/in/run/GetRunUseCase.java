package org.fitsync.ports.in.run;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.StoredRun;

/** One live run of the user; empty if absent, deleted or another user's. */
public interface GetRunUseCase {

    Optional<StoredRun> get(UserId user, UUID id);
}

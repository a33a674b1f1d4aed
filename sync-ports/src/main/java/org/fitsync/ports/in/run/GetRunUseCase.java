package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.run.StoredRun;

/** One live run of the user; empty if absent, deleted or another user's. */
public interface GetRunUseCase {

    Optional<StoredRun> get(GetRunQuery query);
}

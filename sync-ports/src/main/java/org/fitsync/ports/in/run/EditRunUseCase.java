package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.run.StoredRun;

/** Changes a run's notes and metadata; empty if there is no such live run. */
public interface EditRunUseCase {

    Optional<StoredRun> edit(EditRunCommand command);
}

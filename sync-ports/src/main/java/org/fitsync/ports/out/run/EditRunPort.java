package org.fitsync.ports.out.run;

import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunDetailsChange;

/** Changes a live run's notes and metadata, stamping {@code version}; false if there is none. */
public interface EditRunPort {

    boolean editRun(UserId user, UUID id, RunDetailsChange change, long version);
}

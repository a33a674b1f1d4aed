package org.fitsync.ports.out.run;

import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunRevision;

/** Applies an overlap-policy revision (flags, carried notes) to a run, stamping {@code version}. */
public interface ReviseRunPort {

    void reviseRun(UserId user, RunRevision revision, long version);
}

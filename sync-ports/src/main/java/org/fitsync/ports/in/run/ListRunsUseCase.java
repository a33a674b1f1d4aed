package org.fitsync.ports.in.run;

/** The user's run history, newest first, one keyset page at a time. */
public interface ListRunsUseCase {

    RunPage list(ListRunsQuery query);
}

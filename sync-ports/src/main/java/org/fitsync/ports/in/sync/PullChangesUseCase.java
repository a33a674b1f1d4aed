package org.fitsync.ports.in.sync;

/** A client pulls the changes committed after its cursor (WatermelonDB's {@code pullChanges}). */
public interface PullChangesUseCase {

    /**
     * Streams the pull into {@code sink} and returns {@link PullOutcome.Pulled}, or returns
     * {@link PullOutcome.Invalid} without calling the sink.
     */
    PullOutcome pull(PullChangesQuery query, PullSink sink);
}

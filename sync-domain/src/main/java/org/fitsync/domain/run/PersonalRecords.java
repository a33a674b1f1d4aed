package org.fitsync.domain.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A runner's records over their canonical runs (live and not overlapping): the fastest
 * {@link BestEffort} of each distance any of them covered, shortest distance first, the longest run
 * and the run with the biggest elevation gain. Empty parts mean no canonical run has one.
 */
public record PersonalRecords(List<Effort> bestEfforts, Optional<RunMark> longestRun, Optional<RunMark> biggestClimb) {

    public static final PersonalRecords NONE = new PersonalRecords(List.of(), Optional.empty(), Optional.empty());

    public PersonalRecords {
        bestEfforts = List.copyOf(bestEfforts);
        Objects.requireNonNull(longestRun, "longestRun");
        Objects.requireNonNull(biggestClimb, "biggestClimb");
    }

    /** A best effort and the run it was part of. */
    public record Effort(BestEffort effort, UUID runId, Instant runStartedAt) {
        public Effort {
            Objects.requireNonNull(effort, "effort");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(runStartedAt, "runStartedAt");
        }
    }

    /** The run holding a record, and the record's value (metres of distance or of climb). */
    public record RunMark(UUID runId, Instant startedAt, double metres) {
        public RunMark {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }
}

package org.fitsync.application.run;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.RunRevision;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.ReviseRunPort;

/**
 * Re-applies the overlap policy to the live runs around a span that just changed (a run added or
 * removed there). The runs overlapping the span are the ones whose flags may change; their own
 * overlaps, found in a second lookup over the union of their spans, are everything the policy
 * needs to decide them. Must run in the write transaction that claimed {@code version}.
 */
final class OverlapReevaluation {

    private final OverlapPolicy policy;
    private final FindOverlapsPort overlaps;
    private final ReviseRunPort revise;

    OverlapReevaluation(OverlapPolicy policy, FindOverlapsPort overlaps, ReviseRunPort revise) {
        this.policy = policy;
        this.overlaps = overlaps;
        this.revise = revise;
    }

    void around(UserId user, TimeSpan changed, long version) {
        List<TimelineRun> affected = overlaps.findOverlapping(user, changed);
        if (affected.isEmpty()) {
            return;
        }
        TimeSpan reach = changed;
        Set<UUID> ids = new HashSet<>();
        for (TimelineRun run : affected) {
            reach = reach.union(run.span());
            ids.add(run.id());
        }
        List<TimelineRun> neighbourhood = overlaps.findOverlapping(user, reach);
        for (RunRevision revision : policy.evaluate(neighbourhood, ids, Set.of())) {
            revise.reviseRun(user, revision, version);
        }
    }
}

package org.fitsync.domain.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which of a user's runs are flagged {@code overlapping}. Two runs overlap when their
 * {@code [started_at, ended_at)} spans intersect; every run lists the runs it overlaps. Of two
 * overlapping runs one yields to the other and is flagged:
 * <ul>
 *   <li>the same activity (overlap at least 80 % of the shorter run) recorded by two sources: the
 *   lower-priority source yields, and with equal priority the later arrival;</li>
 *   <li>otherwise the later arrival yields (the run already in the history stays as it was).</li>
 * </ul>
 * A run is flagged when it yields to at least one run. The decision depends only on the runs
 * present, never on the order of past decisions, so re-evaluating after a delete is the same
 * computation. A canonical (unflagged) run without notes takes the notes of a same-activity run
 * that yields to it, so what the user wrote survives whichever source wins.
 */
public final class OverlapPolicy {

    public static final double SAME_ACTIVITY_SHARE = 0.8;

    private final SourcePriority priority;

    public OverlapPolicy(SourcePriority priority) {
        this.priority = priority;
    }

    /** Same activity: the shared time is at least 80 % of the shorter of the two runs. */
    public static boolean sameActivity(TimeSpan a, TimeSpan b) {
        Duration shorter = a.length().compareTo(b.length()) <= 0 ? a.length() : b.length();
        return a.overlapWith(b).toNanos() >= SAME_ACTIVITY_SHARE * shorter.toNanos();
    }

    /**
     * Whether a run over {@code span} overlaps any of {@code candidates}: if not, it stands alone and
     * unflagged, and nothing else changes, so the policy has nothing to evaluate.
     */
    public static boolean overlapsAny(TimeSpan span, List<TimelineRun> candidates) {
        return candidates.stream().anyMatch(candidate -> candidate.span().overlaps(span));
    }

    /** Whether {@code loser} yields to {@code winner}; only meaningful for overlapping runs. */
    boolean yieldsTo(TimelineRun loser, TimelineRun winner) {
        if (sameActivity(loser.span(), winner.span())) {
            int byPriority = priority.compare(winner.source(), loser.source());
            if (byPriority != 0) {
                return byPriority > 0;
            }
        }
        return winner.arrival() < loser.arrival()
                || (winner.arrival() == loser.arrival() && winner.id().compareTo(loser.id()) < 0);
    }

    /**
     * Re-evaluates {@code affected} against {@code neighbourhood} (every live run that could
     * overlap one of them, the affected ones included) and returns the revisions of the affected
     * runs whose flags or notes change. A run in {@code affected} that is new has no prior state
     * worth keeping: pass it with {@link OverlapState#CLEAR} and it is always revised.
     */
    public List<RunRevision> evaluate(List<TimelineRun> neighbourhood, Set<UUID> affected, Set<UUID> alwaysRevise) {
        Map<UUID, TimelineRun> byId = new LinkedHashMap<>();
        neighbourhood.forEach(r -> byId.put(r.id(), r));
        Map<UUID, OverlapState> states = new HashMap<>();
        for (TimelineRun run : byId.values()) {
            states.put(run.id(), stateOf(run, byId.values()));
        }
        Map<UUID, Optional<String>> notes = new HashMap<>();
        byId.values().forEach(r -> notes.put(r.id(), r.notes()));
        Map<UUID, Optional<String>> carried = carryNotes(byId, states, notes);

        List<RunRevision> revisions = new ArrayList<>();
        for (UUID id : affected) {
            TimelineRun run = byId.get(id);
            if (run == null) {
                continue;
            }
            OverlapState state = states.get(id);
            Optional<String> carriedNotes = carried.getOrDefault(id, Optional.empty());
            if (alwaysRevise.contains(id) || !state.equals(run.state()) || carriedNotes.isPresent()) {
                revisions.add(new RunRevision(id, state, carriedNotes));
            }
        }
        return revisions;
    }

    private OverlapState stateOf(TimelineRun run, Iterable<TimelineRun> all) {
        List<UUID> overlaps = new ArrayList<>();
        boolean flagged = false;
        for (TimelineRun other : all) {
            if (other.id().equals(run.id()) || !other.span().overlaps(run.span())) {
                continue;
            }
            overlaps.add(other.id());
            flagged |= yieldsTo(run, other);
        }
        return new OverlapState(flagged, overlaps);
    }

    /**
     * Every unflagged run without notes takes the notes of the earliest-arriving same-activity
     * run that yields to it and has notes.
     */
    private Map<UUID, Optional<String>> carryNotes(
            Map<UUID, TimelineRun> byId, Map<UUID, OverlapState> states, Map<UUID, Optional<String>> notes) {
        Map<UUID, Optional<String>> carried = new HashMap<>();
        for (TimelineRun canonical : byId.values()) {
            if (states.get(canonical.id()).overlapping()
                    || notes.get(canonical.id()).isPresent()) {
                continue;
            }
            states.get(canonical.id()).overlaps().stream()
                    .map(byId::get)
                    .filter(other -> other.notes().isPresent())
                    .filter(other -> sameActivity(other.span(), canonical.span()))
                    .filter(other -> yieldsTo(other, canonical))
                    .min(Comparator.comparingLong(TimelineRun::arrival))
                    .ifPresent(donor -> carried.put(canonical.id(), donor.notes()));
        }
        return carried;
    }
}

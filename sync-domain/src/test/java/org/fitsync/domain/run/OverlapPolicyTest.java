package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.domain.run.Runs.id;
import static org.fitsync.domain.run.Runs.timeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OverlapPolicyTest {

    private final OverlapPolicy policy = new OverlapPolicy(SourcePriority.DEFAULT);

    @Test
    void laterArrivalOfADifferentActivityIsFlaggedInBothOrders() {
        TimelineRun morning = timeline("a", 0, 60, Source.PHONE, 1, Optional.empty());
        TimelineRun overlapping = timeline("b", 30, 120, Source.PHONE, 2, Optional.empty());
        Map<UUID, RunRevision> r = all(morning, overlapping);
        assertThat(r.get(id("a")).state()).isEqualTo(new OverlapState(false, List.of(id("b"))));
        assertThat(r.get(id("b")).state()).isEqualTo(new OverlapState(true, List.of(id("a"))));

        Map<UUID, RunRevision> reversed = all(
                timeline("a", 0, 60, Source.PHONE, 2, Optional.empty()),
                timeline("b", 30, 120, Source.PHONE, 1, Optional.empty()));
        assertThat(reversed.get(id("a")).state().overlapping()).isTrue();
        assertThat(reversed.get(id("b")).state().overlapping()).isFalse();
    }

    @Test
    void differentActivityIsFlaggedByArrivalEvenWithHigherPriority() {
        Map<UUID, RunRevision> r = all(
                timeline("phone", 0, 60, Source.PHONE, 1, Optional.empty()),
                timeline("garmin", 30, 120, Source.GARMIN, 2, Optional.empty()));
        assertThat(r.get(id("garmin")).state().overlapping()).isTrue();
        assertThat(r.get(id("phone")).state().overlapping()).isFalse();
    }

    @Test
    void sameActivityHigherPrioritySupersedesAndTakesTheNotes() {
        TimelineRun phone = timeline("phone", 0, 60, Source.PHONE, 1, Optional.of("felt great"));
        TimelineRun garmin = timeline("garmin", 1, 60, Source.GARMIN, 2, Optional.empty());
        Map<UUID, RunRevision> r = all(phone, garmin);
        assertThat(r.get(id("garmin")).state()).isEqualTo(new OverlapState(false, List.of(id("phone"))));
        assertThat(r.get(id("garmin")).carriedNotes()).contains("felt great");
        assertThat(r.get(id("phone")).state()).isEqualTo(new OverlapState(true, List.of(id("garmin"))));
        assertThat(r.get(id("phone")).carriedNotes()).isEmpty();
    }

    @Test
    void sameActivityLowerPriorityArrivingLaterIsFlaggedAndGivesItsNotes() {
        TimelineRun garmin = timeline("garmin", 0, 60, Source.GARMIN, 1, Optional.empty());
        TimelineRun manual = timeline("manual", 0, 55, Source.MANUAL, 2, Optional.of("race"));
        Map<UUID, RunRevision> r = all(garmin, manual);
        assertThat(r.get(id("manual")).state().overlapping()).isTrue();
        assertThat(r.get(id("garmin")).state().overlapping()).isFalse();
        assertThat(r.get(id("garmin")).carriedNotes()).contains("race");
    }

    @Test
    void canonicalRunKeepsItsOwnNotes() {
        Map<UUID, RunRevision> r = all(
                timeline("phone", 0, 60, Source.PHONE, 1, Optional.of("mine")),
                timeline("garmin", 0, 60, Source.GARMIN, 2, Optional.of("garmin's")));
        assertThat(r.get(id("garmin")).carriedNotes()).isEmpty();
    }

    @Test
    void sameActivityThresholdIsEightyPercentOfTheShorterRun() {
        assertThat(OverlapPolicy.sameActivity(Runs.span(0, 100), Runs.span(20, 100)))
                .isTrue();
        assertThat(OverlapPolicy.sameActivity(Runs.span(0, 100), Runs.span(10, 50)))
                .isTrue();
        assertThat(OverlapPolicy.sameActivity(Runs.span(0, 100), Runs.span(21, 121)))
                .isFalse();
        assertThat(OverlapPolicy.sameActivity(Runs.span(0, 50), Runs.span(41, 200)))
                .isFalse();
    }

    @Test
    void backToBackRunsDoNotOverlap() {
        Map<UUID, RunRevision> r = all(
                timeline("a", 0, 60, Source.PHONE, 1, Optional.empty()),
                timeline("b", 60, 120, Source.PHONE, 2, Optional.empty()));
        assertThat(r.values()).allMatch(rev -> rev.state().equals(OverlapState.CLEAR));
    }

    @Test
    void onlyChangedRunsAreRevisedUnlessAskedFor() {
        TimelineRun a = new TimelineRun(id("a"), Runs.span(0, 60), Source.PHONE, 1, Optional.empty(), false, List.of());
        TimelineRun b = timeline("b", 120, 180, Source.PHONE, 2, Optional.empty());
        assertThat(policy.evaluate(List.of(a, b), Set.of(id("a"), id("b")), Set.of()))
                .isEmpty();
        assertThat(policy.evaluate(List.of(a, b), Set.of(id("a"), id("b")), Set.of(id("b"))))
                .extracting(RunRevision::id)
                .containsExactly(id("b"));
    }

    @Test
    void removingTheWinnerClearsTheLoser() {
        TimelineRun loser =
                new TimelineRun(id("b"), Runs.span(30, 90), Source.PHONE, 2, Optional.empty(), true, List.of(id("a")));
        List<RunRevision> revisions = policy.evaluate(List.of(loser), Set.of(id("b")), Set.of());
        assertThat(revisions).containsExactly(new RunRevision(id("b"), OverlapState.CLEAR, Optional.empty()));
    }

    @Test
    void customPriorityCanPreferThePhone() {
        OverlapPolicy phoneFirst = new OverlapPolicy(
                SourcePriority.parse("phone,garmin,strava,healthkit,manual").orElseThrow());
        List<TimelineRun> runs = List.of(
                timeline("phone", 0, 60, Source.PHONE, 1, Optional.empty()),
                timeline("garmin", 0, 60, Source.GARMIN, 2, Optional.empty()));
        Map<UUID, Boolean> flags =
                phoneFirst.evaluate(runs, Set.of(id("phone"), id("garmin")), Set.of(id("phone"), id("garmin"))).stream()
                        .collect(Collectors.toMap(
                                RunRevision::id, rev -> rev.state().overlapping()));
        assertThat(flags).containsEntry(id("phone"), false).containsEntry(id("garmin"), true);
    }

    @Test
    void priorityParsingNeedsEverySourceOnce() {
        assertThat(SourcePriority.parse("garmin,strava,phone,healthkit,manual")).contains(SourcePriority.DEFAULT);
        assertThat(SourcePriority.parse("garmin, strava ,phone,healthkit,manual"))
                .contains(SourcePriority.DEFAULT);
        assertThat(SourcePriority.parse("garmin,strava,phone,healthkit")).isEmpty();
        assertThat(SourcePriority.parse("garmin,garmin,strava,phone,healthkit,manual"))
                .isEmpty();
        assertThat(SourcePriority.parse("garmin,strava,phone,healthkit,fitbit")).isEmpty();
    }

    private Map<UUID, RunRevision> all(TimelineRun... runs) {
        Set<UUID> ids = java.util.Arrays.stream(runs).map(TimelineRun::id).collect(Collectors.toSet());
        return policy.evaluate(List.of(runs), ids, ids).stream().collect(Collectors.toMap(RunRevision::id, r -> r));
    }
}

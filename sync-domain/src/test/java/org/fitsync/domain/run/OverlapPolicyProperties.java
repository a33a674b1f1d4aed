package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class OverlapPolicyProperties {

    private final OverlapPolicy policy = new OverlapPolicy(SourcePriority.DEFAULT);

    /** Recordings of one activity by several sources: exactly the best source (first to arrive on ties) wins. */
    @Property
    void oneActivityHasExactlyOneCanonicalRunOfTheBestSource(@ForAll @Size(min = 1, max = 8) List<Source> sources) {
        List<TimelineRun> runs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            runs.add(new TimelineRun(
                    UUID.randomUUID(), Runs.span(0, 60), sources.get(i), i + 1, Optional.empty(), false, List.of()));
        }
        Set<UUID> ids = new HashSet<>();
        runs.forEach(r -> ids.add(r.id()));
        List<RunRevision> revisions = policy.evaluate(runs, ids, ids);
        List<UUID> canonical = revisions.stream()
                .filter(r -> !r.state().overlapping())
                .map(RunRevision::id)
                .toList();
        assertThat(canonical).hasSize(1);
        TimelineRun best = runs.stream()
                .min((a, b) -> a.source() == b.source()
                        ? Long.compare(a.arrival(), b.arrival())
                        : SourcePriority.DEFAULT.compare(b.source(), a.source()))
                .orElseThrow();
        assertThat(canonical.get(0)).isEqualTo(best.id());
    }

    /** Flags depend on the runs present, not on the order the store happens to list them in. */
    @Property
    @SuppressWarnings("EnumOrdinal") // picks a random source; the index carries no meaning
    void decisionIgnoresListingOrder(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 300) Integer> starts, @ForAll long seed) {
        List<TimelineRun> runs = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < starts.size(); i++) {
            int start = starts.get(i);
            runs.add(new TimelineRun(
                    UUID.randomUUID(),
                    Runs.span(start, start + 1 + random.nextInt(90)),
                    Source.values()[random.nextInt(Source.values().length)],
                    i + 1,
                    Optional.empty(),
                    false,
                    List.of()));
        }
        Set<UUID> ids = new HashSet<>();
        runs.forEach(r -> ids.add(r.id()));
        Set<RunRevision> first = new HashSet<>(policy.evaluate(runs, ids, ids));
        List<TimelineRun> shuffled = new ArrayList<>(runs);
        Collections.shuffle(shuffled, random);
        assertThat(new HashSet<>(policy.evaluate(shuffled, ids, ids))).isEqualTo(first);
        // Overlap lists are symmetric.
        for (RunRevision r : first) {
            for (UUID other : r.state().overlaps()) {
                assertThat(first.stream()
                                .filter(x -> x.id().equals(other))
                                .findFirst()
                                .orElseThrow()
                                .state()
                                .overlaps())
                        .contains(r.id());
            }
        }
    }
}

package org.fitsync.application.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEffortDistance;
import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.ports.out.run.LoadPersonalRecordsPort;
import org.fitsync.ports.out.run.StoreBestEffortsPort;

/** Best efforts beside {@link InMemoryRuns}' rows; records over its live, unflagged runs. */
final class InMemoryBestEfforts implements StoreBestEffortsPort, LoadPersonalRecordsPort {

    private final InMemoryRuns runs;
    final Map<UUID, List<BestEffort>> efforts = new HashMap<>();

    InMemoryBestEfforts(InMemoryRuns runs) {
        this.runs = runs;
    }

    @Override
    public void storeBestEfforts(UserId user, UUID runId, List<BestEffort> stored) {
        if (!runs.inTransaction || !runs.rows.containsKey(runId)) {
            throw new AssertionError("best efforts are stored in the run's transaction, after the run");
        }
        efforts.put(runId, List.copyOf(stored));
    }

    @Override
    public PersonalRecords loadPersonalRecords(UserId user) {
        List<InMemoryRuns.Row> canonical = runs.rows.values().stream()
                .filter(r -> !r.deleted() && !r.overlapping())
                .toList();
        Map<BestEffortDistance, PersonalRecords.Effort> best = new EnumMap<>(BestEffortDistance.class);
        for (InMemoryRuns.Row row : canonical) {
            for (BestEffort effort : efforts.getOrDefault(row.run().id(), List.of())) {
                PersonalRecords.Effort held = best.get(effort.distance());
                if (held == null || effort.elapsedMs() < held.effort().elapsedMs()) {
                    best.put(
                            effort.distance(),
                            new PersonalRecords.Effort(
                                    effort, row.run().id(), row.run().startedAt()));
                }
            }
        }
        return new PersonalRecords(
                new ArrayList<>(best.values()),
                most(canonical, r -> r.run().distanceM()),
                most(
                        canonical,
                        r -> RunFiguresCalculator.elevationChange(r.run().track())
                                .gainM()));
    }

    private static Optional<PersonalRecords.RunMark> most(
            List<InMemoryRuns.Row> rows, ToDoubleFunction<InMemoryRuns.Row> metres) {
        return rows.stream()
                .max(Comparator.comparingDouble(metres))
                .map(r -> new PersonalRecords.RunMark(r.run().id(), r.run().startedAt(), metres.applyAsDouble(r)));
    }
}

package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.ServerRecordIds;
import org.fitsync.domain.sync.Value;

/**
 * A runner's {@link PersonalRecords} as the server's records of the {@code personal_records} sync
 * collection (docs/api.md, "Personal records in sync"): one record per best-effort distance, the
 * longest run and the biggest climb, each under a reserved id ({@link ServerRecordIds}) so that the
 * records a client writes there itself (a squat's one-rep max) never clash with them.
 *
 * <p>Columns: {@code exercise} {@value #EXERCISE}; {@code metric} the record's name; {@code value}
 * seconds for a best effort, metres for the longest run and the climb; {@code workout_id} the run;
 * {@code achieved_at} epoch milliseconds when the effort (or the run) started.
 */
public final class PersonalRecordDocuments {

    public static final String EXERCISE = "running";
    static final String LONGEST_RUN = "longest_run";
    static final String BIGGEST_CLIMB = "biggest_climb";

    private PersonalRecordDocuments() {}

    /** Every id the server may hold records under, whether or not the runner has that record. */
    public static List<RecordId> allIds() {
        List<RecordId> ids = new ArrayList<>();
        for (BestEffortDistance distance : BestEffortDistance.values()) {
            ids.add(ServerRecordIds.of(effortMetric(distance)));
        }
        ids.add(ServerRecordIds.of(LONGEST_RUN));
        ids.add(ServerRecordIds.of(BIGGEST_CLIMB));
        return List.copyOf(ids);
    }

    /** The records' columns by id, for the records the runner has. */
    public static Map<RecordId, Map<String, Value>> of(PersonalRecords records) {
        Map<RecordId, Map<String, Value>> documents = new LinkedHashMap<>();
        for (PersonalRecords.Effort effort : records.bestEfforts()) {
            String metric = effortMetric(effort.effort().distance());
            documents.put(
                    ServerRecordIds.of(metric),
                    columns(
                            metric,
                            effort.runId().toString(),
                            effort.effort().elapsedMs() / 1000.0,
                            effort.effort().startedAt().toEpochMilli()));
        }
        records.longestRun().ifPresent(mark -> documents.put(ServerRecordIds.of(LONGEST_RUN), mark(LONGEST_RUN, mark)));
        records.biggestClimb()
                .ifPresent(mark -> documents.put(ServerRecordIds.of(BIGGEST_CLIMB), mark(BIGGEST_CLIMB, mark)));
        return documents;
    }

    static String effortMetric(BestEffortDistance distance) {
        return "best_effort_" + distance.wireName();
    }

    private static Map<String, Value> mark(String metric, PersonalRecords.RunMark mark) {
        return columns(
                metric, mark.runId().toString(), mark.metres(), mark.startedAt().toEpochMilli());
    }

    private static Map<String, Value> columns(String metric, String runId, double value, long achievedAtMs) {
        Map<String, Value> columns = new LinkedHashMap<>();
        columns.put("exercise", new Value.Text(EXERCISE));
        columns.put("metric", new Value.Text(metric));
        columns.put("workout_id", new Value.Text(runId));
        columns.put("value", new Value.Num(value));
        columns.put("achieved_at", new Value.Num(achievedAtMs));
        return columns;
    }
}

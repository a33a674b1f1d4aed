package org.fitsync.adapter.postgres.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEffortDistance;
import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.ports.out.run.LoadPersonalRecordsPort;
import org.fitsync.ports.out.run.StoreBestEffortsPort;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code run_best_efforts} table (V97) and the records read from it and from the runs' figures.
 * Like {@link PostgresRuns}, it runs on the service's transaction handle (row-level security scopes it
 * to the user) and still filters by {@code user_id} so its indexes are used.
 */
public final class PostgresBestEfforts implements StoreBestEffortsPort, LoadPersonalRecordsPort {

    /**
     * One statement for all of a run's efforts; the start is epoch milliseconds, exactly. A run's efforts
     * never change, so an effort already stored (the figures backfill meeting a run whose efforts ingest
     * stored, or a second node's) is left as it is.
     */
    private static final String INSERT = """
            INSERT INTO run_best_efforts (user_id, run_id, distance, elapsed_ms, started_at)
            SELECT :user, :run, e.distance, e.elapsed_ms,
                timestamptz 'epoch' + e.started_ms * interval '1 millisecond'
            FROM unnest(CAST(:distances AS text[]), CAST(:elapsed AS bigint[]), CAST(:starts AS bigint[]))
                AS e(distance, elapsed_ms, started_ms)
            ON CONFLICT (user_id, run_id, distance) DO NOTHING""";

    /**
     * The records in one statement. Per distance, the first entry of {@code
     * run_best_efforts_fastest_canonical}, which holds only efforts of canonical runs (V103's triggers
     * keep each effort's flag equal to its run's): a run flagged or deleted leaves it, so the next-best
     * effort takes over with nothing recomputed. Ties go to the earlier effort. The longest run and the
     * biggest climb are the first entries of their partial indexes over canonical runs ({@code
     * runs_longest_canonical}, {@code runs_biggest_climb_canonical}).
     */
    static final String RECORDS = """
            SELECT 'effort' AS kind, d.distance, b.elapsed_ms, b.started_at AS effort_started_at, b.run_id,
                b.run_started_at, NULL::double precision AS metres
            FROM unnest(CAST(:distances AS text[])) AS d(distance)
            CROSS JOIN LATERAL (
                SELECT e.elapsed_ms, e.started_at, e.run_id, r.started_at AS run_started_at
                FROM (SELECT elapsed_ms, started_at, run_id FROM run_best_efforts
                      WHERE user_id = :user AND distance = d.distance AND canonical
                      ORDER BY elapsed_ms, started_at, run_id
                      LIMIT 1) AS e
                JOIN runs r ON r.user_id = :user AND r.id = e.run_id) AS b
            UNION ALL
            (SELECT 'longest', NULL, NULL, NULL, id, started_at, distance_m FROM runs
                WHERE user_id = :user AND deleted_at IS NULL AND NOT overlapping AND distance_m > 0
                ORDER BY distance_m DESC, started_at, id LIMIT 1)
            UNION ALL
            (SELECT 'climb', NULL, NULL, NULL, id, started_at, elevation_gain_m FROM runs
                WHERE user_id = :user AND deleted_at IS NULL AND NOT overlapping AND elevation_gain_m > 0
                ORDER BY elevation_gain_m DESC NULLS LAST, started_at, id LIMIT 1)""";

    private static final List<String> DISTANCES = wireNames();

    @Override
    public void storeBestEfforts(UserId user, UUID runId, List<BestEffort> efforts) {
        if (efforts.isEmpty()) {
            return;
        }
        List<String> distances = new ArrayList<>();
        List<Long> elapsed = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (BestEffort effort : efforts) {
            distances.add(effort.distance().wireName());
            elapsed.add(effort.elapsedMs());
            starts.add(effort.startedAt().toEpochMilli());
        }
        PostgresTransactions.handle()
                .createUpdate(INSERT)
                .bind("user", user.value())
                .bind("run", runId)
                .bindArray("distances", String.class, distances)
                .bindArray("elapsed", Long.class, elapsed)
                .bindArray("starts", Long.class, starts)
                .execute();
    }

    @Override
    public PersonalRecords loadPersonalRecords(UserId user) {
        Map<BestEffortDistance, PersonalRecords.Effort> efforts = new EnumMap<>(BestEffortDistance.class);
        Optional<PersonalRecords.RunMark> longest = Optional.empty();
        Optional<PersonalRecords.RunMark> climb = Optional.empty();
        List<Row> rows = PostgresTransactions.handle()
                .createQuery(RECORDS)
                .bind("user", user.value())
                .bindArray("distances", String.class, DISTANCES)
                .map(PostgresBestEfforts::row)
                .list();
        for (Row row : rows) {
            switch (row.kind()) {
                case "effort" -> {
                    BestEffort effort = row.effort().orElseThrow();
                    efforts.put(effort.distance(), new PersonalRecords.Effort(effort, row.runId(), row.runStartedAt()));
                }
                case "longest" -> longest = Optional.of(row.mark());
                case "climb" -> climb = Optional.of(row.mark());
                default -> throw new IllegalStateException("unknown record kind " + row.kind());
            }
        }
        return new PersonalRecords(new ArrayList<>(efforts.values()), longest, climb);
    }

    private record Row(String kind, Optional<BestEffort> effort, UUID runId, Instant runStartedAt, double metres) {
        PersonalRecords.RunMark mark() {
            return new PersonalRecords.RunMark(runId, runStartedAt, metres);
        }
    }

    private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
        String kind = rs.getString("kind");
        Optional<BestEffort> effort = Optional.empty();
        if (kind.equals("effort")) {
            effort = Optional.of(new BestEffort(
                    BestEffortDistance.fromWire(rs.getString("distance")).orElseThrow(),
                    rs.getLong("elapsed_ms"),
                    instant(rs, "effort_started_at")));
        }
        return new Row(
                kind,
                effort,
                rs.getObject("run_id", UUID.class),
                instant(rs, "run_started_at"),
                rs.getDouble("metres"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static List<String> wireNames() {
        List<String> names = new ArrayList<>();
        for (BestEffortDistance distance : BestEffortDistance.values()) {
            names.add(distance.wireName());
        }
        return List.copyOf(names);
    }
}

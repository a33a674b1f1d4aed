package org.fitsync.adapter.postgres.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PeriodTotals;
import org.fitsync.domain.run.StatsPeriod;
import org.fitsync.ports.out.run.SumRunsPort;
import org.jdbi.v3.core.statement.Query;

/**
 * Run totals per period: one aggregate over the {@code runs} table's stored figures, in the caller's
 * snapshot (row-level security scopes it to the user; the {@code user_id} filter and the
 * {@code started_at} bounds use {@code runs_history}). Only canonical runs count: an overlapping run
 * is another recording of time a canonical run already covers. Runs stored before their figures were
 * (V96) count their submitted {@code duration_s} as moving time and no elevation gain.
 */
public final class PostgresRunTotals implements SumRunsPort {

    /**
     * {@code date_trunc} of the local time ({@code AT TIME ZONE}) gives the period's first local
     * midnight: weeks start on Monday (ISO), months and years on their first day.
     */
    private static final String TOTALS = """
            SELECT CAST(date_trunc(:unit, started_at AT TIME ZONE :zone) AS date) AS period_start,
                count(*) AS runs,
                sum(distance_m) AS distance_m,
                sum(COALESCE(moving_time_s, duration_s)) AS moving_time_s,
                sum(COALESCE(elevation_gain_m, 0)) AS elevation_gain_m,
                max(distance_m) AS longest_run_m,
                (array_agg(id ORDER BY distance_m DESC, started_at, id))[1] AS longest_run_id
            FROM runs
            WHERE user_id = :user AND deleted_at IS NULL AND NOT overlapping""";

    @Override
    public List<PeriodTotals> sumRuns(
            UserId user, StatsPeriod period, ZoneId zone, Optional<Instant> from, Optional<Instant> to) {
        Query query = PostgresTransactions.handle()
                .createQuery(sql(from.isPresent(), to.isPresent()))
                .bind("user", user.value())
                .bind("unit", period.wireName())
                .bind("zone", zone.getId());
        from.ifPresent(f -> query.bind("from", utc(f)));
        to.ifPresent(t -> query.bind("to", utc(t)));
        return query.map((rs, ctx) -> new PeriodTotals(
                        rs.getObject("period_start", LocalDate.class),
                        rs.getLong("runs"),
                        rs.getDouble("distance_m"),
                        rs.getLong("moving_time_s"),
                        Math.round(rs.getDouble("elevation_gain_m") * 10) / 10.0,
                        rs.getDouble("longest_run_m"),
                        rs.getObject("longest_run_id", UUID.class)))
                .list();
    }

    /** The statement, with the bounds asked for. */
    static String sql(boolean from, boolean to) {
        return TOTALS + (from ? " AND started_at >= :from" : "") + (to ? " AND started_at < :to" : "")
                + " GROUP BY period_start ORDER BY period_start";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

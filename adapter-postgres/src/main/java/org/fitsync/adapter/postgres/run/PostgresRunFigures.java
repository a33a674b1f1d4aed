package org.fitsync.adapter.postgres.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.ports.out.run.AwaitingRun;
import org.fitsync.ports.out.run.FindRunsAwaitingFiguresPort;
import org.fitsync.ports.out.run.RunKey;
import org.fitsync.ports.out.run.StoreRunFiguresPort;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * The runs awaiting figures (V105) for the figures backfill. Finding them across users goes through
 * the {@code runs_awaiting_figures} definer function on a connection of its own; everything else runs on
 * the user's transaction handle under row-level security, filtered by {@code user_id} like
 * {@link PostgresRuns}.
 */
public final class PostgresRunFigures implements FindRunsAwaitingFiguresPort, StoreRunFiguresPort {

    /** Before every (user, run) key: user ids are never empty. */
    private static final RunKeyText FIRST = new RunKeyText("", new UUID(0, 0));

    private final Jdbi jdbi;

    public PostgresRunFigures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record RunKeyText(String user, UUID run) {}

    @Override
    public List<RunKey> findAwaitingFigures(Optional<RunKey> after, int limit) {
        RunKeyText from = after.map(key -> new RunKeyText(key.user().value(), key.runId()))
                .orElse(FIRST);
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_id, run_id FROM runs_awaiting_figures(:user, :run, :limit)")
                .bind("user", from.user())
                .bind("run", from.run())
                .bind("limit", limit)
                .map((rs, ctx) -> new RunKey(new UserId(rs.getString("user_id")), rs.getObject("run_id", UUID.class)))
                .list());
    }

    @Override
    public List<AwaitingRun> lockAwaitingFigures(UserId user, List<UUID> runIds) {
        return PostgresTransactions.handle()
                .createQuery("""
                        SELECT id, duration_s, distance_m, track, samples FROM runs
                        WHERE user_id = :user AND id = ANY(CAST(:ids AS uuid[]))
                            AND figures_computed_at IS NULL AND deleted_at IS NULL
                        ORDER BY id
                        FOR UPDATE""")
                .bind("user", user.value())
                .bindArray("ids", UUID.class, runIds)
                .map((rs, ctx) -> awaitingRun(rs))
                .list();
    }

    @Override
    public void storeFigures(UserId user, UUID runId, RunFigures figures) {
        Update update = PostgresTransactions.handle()
                .createUpdate("""
                        UPDATE runs SET moving_time_s = :movingTime, elevation_gain_m = :elevationGain,
                            elevation_loss_m = :elevationLoss, avg_heart_rate = :avgHeartRate,
                            max_heart_rate = :maxHeartRate, avg_cadence = :avgCadence, avg_pace_s_per_km = :avgPace,
                            figures_computed_at = now()
                        WHERE user_id = :user AND id = :id""")
                .bind("user", user.value())
                .bind("id", runId);
        RunFiguresColumns.bind(update, figures).execute();
    }

    /** A recording that does not decode (damaged, or of a format this version does not know) is reported, not thrown. */
    private static AwaitingRun awaitingRun(ResultSet rs) throws SQLException {
        byte[] track = rs.getBytes("track");
        byte[] samples = rs.getBytes("samples");
        Optional<RunRecording> recording;
        try {
            recording = Optional.of(new RunRecording(
                    TrackCodec.decode(track), Optional.ofNullable(samples).map(SampleCodec::decode)));
        } catch (RuntimeException e) {
            recording = Optional.empty();
        }
        return new AwaitingRun(
                rs.getObject("id", UUID.class), rs.getLong("duration_s"), rs.getDouble("distance_m"), recording);
    }
}

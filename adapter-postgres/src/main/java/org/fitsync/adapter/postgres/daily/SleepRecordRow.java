package org.fitsync.adapter.postgres.daily;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** A {@code sleep_records} row: one platform's record of one night. */
record SleepRecordRow(LocalDate date, DeviceSource source, SleepRecord record) {

    /** Rewrites (and restamps) a night only when the device sent something different. */
    static final String UPSERT = """
            INSERT INTO sleep_records (user_id, date, source, start_at, end_at, total_min, deep_min, light_min,
                rem_min, awake_min, version)
            VALUES (:user, CAST(:date AS date), :source, :start_at, :end_at, :total_min, :deep_min, :light_min,
                :rem_min, :awake_min, :version)
            ON CONFLICT (user_id, date, source) DO UPDATE SET
                start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at, total_min = EXCLUDED.total_min,
                deep_min = EXCLUDED.deep_min, light_min = EXCLUDED.light_min, rem_min = EXCLUDED.rem_min,
                awake_min = EXCLUDED.awake_min, version = EXCLUDED.version, updated_at = now()
            WHERE (sleep_records.start_at, sleep_records.end_at, sleep_records.total_min, sleep_records.deep_min,
                   sleep_records.light_min, sleep_records.rem_min, sleep_records.awake_min)
                IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.end_at, EXCLUDED.total_min, EXCLUDED.deep_min,
                   EXCLUDED.light_min, EXCLUDED.rem_min, EXCLUDED.awake_min)""";

    static SleepRecordRow read(ResultSet rs, StatementContext ctx) throws SQLException {
        SleepStages stages = new SleepStages(
                minutes(rs, "deep_min"), minutes(rs, "light_min"), minutes(rs, "rem_min"), minutes(rs, "awake_min"));
        SleepRecord night =
                new SleepRecord(instant(rs, "start_at"), instant(rs, "end_at"), rs.getInt("total_min"), stages);
        return new SleepRecordRow(
                rs.getObject("date", LocalDate.class), DailyEntryRow.source(rs.getString("source")), night);
    }

    static <S extends SqlStatement<S>> S bindAll(
            S update, UserId user, LocalDate date, DeviceSource source, SleepRecord night, long version) {
        return update.bind("user", user.value())
                .bind("date", date.toString())
                .bind("source", source.wireName())
                .bind("start_at", night.start().atOffset(java.time.ZoneOffset.UTC))
                .bind("end_at", night.end().atOffset(java.time.ZoneOffset.UTC))
                .bind("total_min", night.totalMin())
                .bind("deep_min", night.stages().deepMin().orElse(null))
                .bind("light_min", night.stages().lightMin().orElse(null))
                .bind("rem_min", night.stages().remMin().orElse(null))
                .bind("awake_min", night.stages().awakeMin().orElse(null))
                .bind("version", version);
    }

    private static Optional<Integer> minutes(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, Integer.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

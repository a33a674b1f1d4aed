package org.fitsync.adapter.postgres.daily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.ports.out.daily.LoadDailyEntriesPort;
import org.fitsync.ports.out.daily.SaveDailyEntryPort;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@code daily_entries} and {@code sleep_records}, read and written on the current transaction's handle. */
public final class PostgresDailyEntries implements LoadDailyEntriesPort, SaveDailyEntryPort {

    private static final String SELECT_ENTRIES =
            "SELECT * FROM daily_entries WHERE user_id = :user AND deleted_at IS NULL";
    private static final String SELECT_SLEEP = """
            SELECT s.* FROM sleep_records s
            JOIN daily_entries e ON e.user_id = s.user_id AND e.date = s.date AND e.deleted_at IS NULL
            WHERE s.user_id = :user""";

    @Override
    public Map<LocalDate, DailyEntry> loadDays(UserId user, Collection<LocalDate> dates) {
        if (dates.isEmpty()) {
            return Map.of();
        }
        String[] days = dates.stream().map(LocalDate::toString).distinct().toArray(String[]::new);
        // Plain JDBC: every ingest reads its days first, and Jdbi's per-statement set-up (array
        // binding above all) cost more than the two queries; the first carries the user's set-up.
        List<DailyEntryRow> rows = onDays(SELECT_ENTRIES + " AND date", user, days, DailyEntryRow::read);
        List<SleepRecordRow> sleep = onDays(SELECT_SLEEP + " AND s.date", user, days, SleepRecordRow::read);
        Map<LocalDate, DailyEntry> byDate = new LinkedHashMap<>();
        assemble(rows, sleep).forEach(entry -> byDate.put(entry.date(), entry));
        return byDate;
    }

    @Override
    public List<DailyEntry> loadRange(UserId user, Optional<LocalDate> from, Optional<LocalDate> to) {
        Handle handle = PostgresTransactions.handle();
        List<DailyEntryRow> rows = handle.createQuery(SELECT_ENTRIES + inRange("date") + " ORDER BY date")
                .bind("user", user.value())
                .bind("from", from.map(LocalDate::toString).orElse(null))
                .bind("to", to.map(LocalDate::toString).orElse(null))
                .map(DailyEntryRow::read)
                .list();
        List<SleepRecordRow> sleep = handle.createQuery(SELECT_SLEEP + inRange("s.date"))
                .bind("user", user.value())
                .bind("from", from.map(LocalDate::toString).orElse(null))
                .bind("to", to.map(LocalDate::toString).orElse(null))
                .map(SleepRecordRow::read)
                .list();
        return assemble(rows, sleep);
    }

    /** The rows of {@code select}, for the user, whose date (the select's last word) is one of {@code days}. */
    private static <T> List<T> onDays(String select, UserId user, String[] days, RowMapper<T> mapper) {
        return PostgresTransactions.query(
                select.replace(":user", "?") + " = ANY(CAST(? AS date[]))",
                (statement, first) -> {
                    statement.setString(first, user.value());
                    statement.setObject(first + 1, days);
                },
                result -> {
                    List<T> read = new ArrayList<>();
                    while (result.next()) {
                        read.add(mapper.map(result, null));
                    }
                    return read;
                });
    }

    private static String inRange(String column) {
        return " AND " + column + " >= COALESCE(CAST(:from AS date), '-infinity')" + " AND " + column
                + " <= COALESCE(CAST(:to AS date), 'infinity')";
    }

    private static Map<LocalDate, Map<DeviceSource, SleepRecord>> nightsByDate(List<SleepRecordRow> sleep) {
        Map<LocalDate, Map<DeviceSource, SleepRecord>> nights = new LinkedHashMap<>();
        for (SleepRecordRow row : sleep) {
            nights.computeIfAbsent(row.date(), d -> new LinkedHashMap<>()).put(row.source(), row.record());
        }
        return nights;
    }

    private static List<DailyEntry> assemble(List<DailyEntryRow> rows, List<SleepRecordRow> sleep) {
        Map<LocalDate, Map<DeviceSource, SleepRecord>> nights = nightsByDate(sleep);
        List<DailyEntry> entries = new ArrayList<>(rows.size());
        for (DailyEntryRow row : rows) {
            entries.add(row.toEntry(nights.getOrDefault(row.date(), Map.of())));
        }
        return entries;
    }

    @Override
    public void saveDays(UserId user, Collection<DailyEntry> entries, long version) {
        if (entries.isEmpty()) {
            return;
        }
        Handle handle = PostgresTransactions.handle();
        PreparedBatch days = handle.prepareBatch(DailyEntryRow.UPSERT);
        entries.forEach(
                entry -> DailyEntryRow.bindAll(days, user, entry, version).add());
        days.execute();
        // A live day only ever gains or replaces nights (deleteDay drops them), so upserting suffices.
        PreparedBatch nights = handle.prepareBatch(SleepRecordRow.UPSERT);
        int count = 0;
        for (DailyEntry entry : entries) {
            for (var night : entry.sleepRecords().entrySet()) {
                SleepRecordRow.bindAll(nights, user, entry.date(), night.getKey(), night.getValue(), version)
                        .add();
                count++;
            }
        }
        if (count > 0) {
            nights.execute();
        }
    }

    @Override
    public boolean deleteDay(UserId user, LocalDate date, long version) {
        Handle handle = PostgresTransactions.handle();
        int deleted = handle.createUpdate("""
                        UPDATE daily_entries SET deleted_at = now(), updated_at = now(), version = :version
                        WHERE user_id = :user AND date = CAST(:date AS date) AND deleted_at IS NULL""")
                .bind("user", user.value())
                .bind("date", date.toString())
                .bind("version", version)
                .execute();
        // The nights belonged to the deleted day; a day started afresh must not inherit them.
        handle.createUpdate("DELETE FROM sleep_records WHERE user_id = :user AND date = CAST(:date AS date)")
                .bind("user", user.value())
                .bind("date", date.toString())
                .execute();
        return deleted > 0;
    }
}

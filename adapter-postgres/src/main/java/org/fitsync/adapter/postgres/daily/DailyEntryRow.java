package org.fitsync.adapter.postgres.daily;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.DeviceValue;
import org.fitsync.domain.daily.ManualValue;
import org.fitsync.domain.daily.MetricValue;
import org.fitsync.domain.daily.SleepRecord;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** A {@code daily_entries} row: each value's device and manual layer in their own columns. */
record DailyEntryRow(DailyEntry withoutNights) {

    static final String UPSERT = """
            INSERT INTO daily_entries (user_id, date, steps_device, steps_device_source, steps_manual, steps_manual_by,
                sleep_min_device, sleep_min_device_source, sleep_min_manual, sleep_min_manual_by,
                sleep_quality_manual, sleep_quality_manual_by, notes_manual, notes_manual_by, device_sources, version)
            VALUES (:user, CAST(:date AS date), :steps_device, :steps_device_source, :steps_manual, :steps_manual_by,
                :sleep_min_device, :sleep_min_device_source, :sleep_min_manual, :sleep_min_manual_by,
                :sleep_quality_manual, :sleep_quality_manual_by, :notes_manual, :notes_manual_by, :device_sources, :version)
            ON CONFLICT (user_id, date) DO UPDATE SET
                steps_device = EXCLUDED.steps_device, steps_device_source = EXCLUDED.steps_device_source,
                steps_manual = EXCLUDED.steps_manual, steps_manual_by = EXCLUDED.steps_manual_by,
                sleep_min_device = EXCLUDED.sleep_min_device, sleep_min_device_source = EXCLUDED.sleep_min_device_source,
                sleep_min_manual = EXCLUDED.sleep_min_manual, sleep_min_manual_by = EXCLUDED.sleep_min_manual_by,
                sleep_quality_manual = EXCLUDED.sleep_quality_manual,
                sleep_quality_manual_by = EXCLUDED.sleep_quality_manual_by,
                notes_manual = EXCLUDED.notes_manual, notes_manual_by = EXCLUDED.notes_manual_by,
                device_sources = EXCLUDED.device_sources, version = EXCLUDED.version,
                updated_at = now(), deleted_at = NULL""";

    LocalDate date() {
        return withoutNights.date();
    }

    DailyEntry toEntry(Map<DeviceSource, SleepRecord> nights) {
        DailyEntry e = withoutNights;
        return new DailyEntry(
                e.date(), e.steps(), e.sleepMin(), e.sleepQuality(), e.notes(), e.deviceSources(), nights);
    }

    static DailyEntryRow read(ResultSet rs, StatementContext ctx) throws SQLException {
        LocalDate date = rs.getObject("date", LocalDate.class);
        return new DailyEntryRow(new DailyEntry(
                date,
                metric(device(rs, "steps", Integer.class), manual(rs, "steps_manual", Integer.class)),
                metric(device(rs, "sleep_min", Integer.class), manual(rs, "sleep_min_manual", Integer.class)),
                metric(Optional.empty(), manual(rs, "sleep_quality_manual", Integer.class)),
                metric(Optional.empty(), manual(rs, "notes_manual", String.class)),
                sources(rs.getArray("device_sources")),
                Map.of()));
    }

    static <S extends SqlStatement<S>> S bindAll(S update, UserId user, DailyEntry entry, long version) {
        update.bind("user", user.value()).bind("date", entry.date().toString()).bind("version", version);
        bindDevice(update, "steps", entry.steps());
        bindManual(update, "steps_manual", entry.steps());
        bindDevice(update, "sleep_min", entry.sleepMin());
        bindManual(update, "sleep_min_manual", entry.sleepMin());
        bindManual(update, "sleep_quality_manual", entry.sleepQuality());
        bindManualText(update, "notes_manual", entry.notes());
        String[] sources = entry.orderedDeviceSources().stream()
                .map(DeviceSource::wireName)
                .toArray(String[]::new);
        return update.bindArray("device_sources", String.class, (Object[]) sources);
    }

    private static <T> MetricValue<T> metric(Optional<DeviceValue<T>> device, Optional<ManualValue<T>> manual) {
        return new MetricValue<>(device, manual);
    }

    private static <T> Optional<DeviceValue<T>> device(ResultSet rs, String name, Class<T> type) throws SQLException {
        T value = rs.getObject(name + "_device", type);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceValue<>(value, source(rs.getString(name + "_device_source"))));
    }

    private static <T> Optional<ManualValue<T>> manual(ResultSet rs, String column, Class<T> type) throws SQLException {
        T value = rs.getObject(column, type);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(new ManualValue<>(
                value, Optional.ofNullable(rs.getString(column + "_by")).map(UserId::new)));
    }

    private static void bindDevice(SqlStatement<?> update, String name, MetricValue<Integer> metric) {
        update.bind(name + "_device", metric.device().map(DeviceValue::value).orElse(null));
        update.bind(
                name + "_device_source",
                metric.device().map(d -> d.source().wireName()).orElse(null));
    }

    private static void bindManual(SqlStatement<?> update, String column, MetricValue<Integer> metric) {
        update.bind(column, metric.manual().map(ManualValue::value).orElse(null));
        bindAuthor(update, column, metric);
    }

    private static void bindManualText(SqlStatement<?> update, String column, MetricValue<String> metric) {
        update.bind(column, metric.manual().map(ManualValue::value).orElse(null));
        bindAuthor(update, column, metric);
    }

    private static void bindAuthor(SqlStatement<?> update, String column, MetricValue<?> metric) {
        update.bind(
                column + "_by",
                metric.manual()
                        .flatMap(ManualValue::correctedBy)
                        .map(UserId::value)
                        .orElse(null));
    }

    private static Set<DeviceSource> sources(Array array) throws SQLException {
        String[] names = (String[]) array.getArray();
        return Arrays.stream(names).map(DailyEntryRow::source).collect(Collectors.toSet());
    }

    static DeviceSource source(String name) {
        return DeviceSource.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown device source stored: " + name));
    }
}

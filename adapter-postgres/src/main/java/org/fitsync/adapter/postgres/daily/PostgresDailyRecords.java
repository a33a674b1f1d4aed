package org.fitsync.adapter.postgres.daily;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.adapter.postgres.sync.ServerTableRecords;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;

/**
 * The {@code daily_entries} table as the sync collection {@code daily_entries}: one record per day,
 * its id the date ({@code 2026-11-20}), each value as shown (manual beats device).
 */
public final class PostgresDailyRecords extends ServerTableRecords {

    private static final Map<String, String> COLUMNS = Map.of(
            "date", "date",
            "steps", "coalesce(steps_manual, steps_device)",
            "sleep_min", "coalesce(sleep_min_manual, sleep_min_device)",
            "sleep_quality", "sleep_quality_manual",
            "notes", "notes_manual");

    @Override
    protected String table() {
        return "daily_entries";
    }

    @Override
    protected String idExpression() {
        return "to_char(date, 'YYYY-MM-DD')";
    }

    @Override
    protected String idsCondition() {
        return "date = ANY(CAST(:ids AS date[]))";
    }

    @Override
    protected boolean couldExist(RecordId id) {
        return DailyLimits.parseDate(id.value()).isPresent();
    }

    @Override
    protected String rowColumns() {
        return COLUMNS.entrySet().stream()
                .filter(c -> !c.getKey().equals("date"))
                .map(c -> c.getValue() + " AS " + c.getKey())
                .reduce("created_at, updated_at", (a, b) -> a + ", " + b);
    }

    @Override
    protected Map<String, String> columnExpressions() {
        return COLUMNS;
    }

    @Override
    protected SyncRecord record(RecordId id, ResultSet rs) throws SQLException {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("date", new Value.Text(id.value()));
        fields.put("steps", number(rs, "steps"));
        fields.put("sleep_min", number(rs, "sleep_min"));
        fields.put("sleep_quality", number(rs, "sleep_quality"));
        fields.put("notes", text(rs, "notes"));
        return new SyncRecord(id, fields, epochMillis(rs, "created_at"), epochMillis(rs, "updated_at"));
    }
}

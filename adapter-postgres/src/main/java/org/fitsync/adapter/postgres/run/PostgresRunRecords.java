package org.fitsync.adapter.postgres.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.fitsync.adapter.postgres.sync.ServerTableRecords;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;

/**
 * The {@code runs} table as the sync collection {@code runs} (docs/api.md, "Collections"): times
 * in epoch ms, metadata as JSON text, no track. Soft-deleted runs are the collection's tombstones.
 */
public final class PostgresRunRecords extends ServerTableRecords {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("started_at", "started_at"),
            Map.entry("ended_at", "ended_at"),
            Map.entry("duration_s", "duration_s"),
            Map.entry("distance_m", "distance_m"),
            Map.entry("source", "source"),
            Map.entry("notes", "notes"),
            Map.entry("metadata", "metadata"),
            Map.entry("polyline", "polyline"),
            Map.entry("point_count", "point_count"),
            Map.entry("overlapping", "overlapping"),
            Map.entry("strava_id", "strava_id"));

    @Override
    protected String table() {
        return "runs";
    }

    @Override
    protected String idExpression() {
        return "id::text";
    }

    @Override
    protected String idsCondition() {
        return "id = ANY(CAST(:ids AS uuid[]))";
    }

    @Override
    protected boolean couldExist(RecordId id) {
        // Run ids are stored as lower-case UUIDs; any other spelling names no run.
        return UUID_TEXT.matcher(id.value()).matches();
    }

    @Override
    protected String rowColumns() {
        return """
                started_at, ended_at, duration_s, distance_m, source, notes, metadata::text AS metadata_text,
                polyline, point_count, overlapping, strava_id, created_at, updated_at""";
    }

    @Override
    protected Map<String, String> columnExpressions() {
        return COLUMNS;
    }

    @Override
    protected SyncRecord record(RecordId id, ResultSet rs) throws SQLException {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("started_at", new Value.Num(epochMillis(rs, "started_at")));
        fields.put("ended_at", new Value.Num(epochMillis(rs, "ended_at")));
        fields.put("duration_s", number(rs, "duration_s"));
        fields.put("distance_m", number(rs, "distance_m"));
        fields.put("source", text(rs, "source"));
        fields.put("notes", text(rs, "notes"));
        fields.put("metadata", text(rs, "metadata_text"));
        fields.put("polyline", text(rs, "polyline"));
        fields.put("point_count", number(rs, "point_count"));
        fields.put("overlapping", new Value.Bool(rs.getBoolean("overlapping")));
        fields.put("strava_id", text(rs, "strava_id"));
        return new SyncRecord(id, fields, epochMillis(rs, "created_at"), epochMillis(rs, "updated_at"));
    }
}

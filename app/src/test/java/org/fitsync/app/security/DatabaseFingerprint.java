package org.fitsync.app.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The whole content of every FitSync table (found in pg_catalog, so new tables are covered without
 * touching this class), reduced to row count and digest per table. Two equal fingerprints mean no
 * row was inserted, updated or deleted in between.
 */
public record DatabaseFingerprint(Map<String, String> tables) {

    private static final String TABLES = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'
            ORDER BY c.relname""";

    public static List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(TABLES)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Taken as the owner (past row-level security). */
    public static DatabaseFingerprint of(DataSource owner) {
        try (Connection connection = owner.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not fingerprint the database", e);
        }
    }

    /** Taken on an open owner connection (fuzzing reuses one: a new connection per input is slow). */
    public static DatabaseFingerprint of(Connection connection) {
        try {
            Map<String, String> tables = new TreeMap<>();
            for (String table : tableNames(connection)) {
                String sql =
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \""
                                + table + "\" t";
                try (var statement = connection.createStatement();
                        var rows = statement.executeQuery(sql)) {
                    rows.next();
                    tables.put(table, rows.getString(1));
                }
            }
            return new DatabaseFingerprint(tables);
        } catch (SQLException e) {
            throw new IllegalStateException("could not fingerprint the database", e);
        }
    }
}

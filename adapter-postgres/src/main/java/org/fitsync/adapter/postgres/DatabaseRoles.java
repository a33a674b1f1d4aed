package org.fitsync.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Creates the login role requests run as, for databases FitSync manages itself (embedded mode and
 * tests). The role owns nothing, so PostgreSQL applies row-level security to it.
 */
public final class DatabaseRoles {

    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private DatabaseRoles() {}

    public static void ensureLoginRole(DataSource admin, String role, String password) {
        if (!SAFE.matcher(role).matches() || !SAFE_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("role name or password has unsafe characters");
        }
        try (Connection c = admin.getConnection()) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                q.setString(1, role);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            try (Statement s = c.createStatement()) {
                // CREATE/ALTER ROLE take no bind parameters; both values were checked against strict patterns.
                s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role
                        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '" + password + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database role " + role, e);
        }
    }
}

package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security proven at the database for every table (enumerated from pg_catalog, so a new
 * table is covered the day it is migrated): enabled, forced, with a policy; a connection as the app
 * role without {@code app.user_id} sees no row; with one user's id it sees exactly that user's rows.
 */
class RowLevelSecurityTest {

    private static final List<String> USERS = List.of("rls-alice", "rls-bob");

    private static TestServer server;

    @BeforeAll
    static void startAndWriteThroughEveryEndpointAsTwoUsers() {
        server = SecurityFixture.startServer();
        for (String user : USERS) {
            String token = server.token(user);
            String coachToken = server.token(user + "-coach", "coach");
            String code = server.post("/api/v1/pairing-codes", token, "{}")
                    .json()
                    .path("code")
                    .asText();
            assertThat(server.post("/api/v1/coach/clients", coachToken, Map.of("code", code))
                            .status())
                    .isEqualTo(201);
            for (BodyEndpoint endpoint : BodyEndpoints.ALL) {
                var request = server.request(
                                endpoint.path().replace("{client}", user).replace("{run}", BodyEndpoints.RUN_ID),
                                endpoint.coach() ? coachToken : token)
                        .header("Content-Type", "application/json")
                        .method(
                                endpoint.method(),
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                        endpoint.validBody(), StandardCharsets.UTF_8))
                        .build();
                server.send(request);
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyTableHasRowLevelSecurityEnabledForcedAndAPolicy() throws SQLException {
        try (Connection owner = server.ownerDataSource().getConnection();
                var statement = owner.prepareStatement("""
                     SELECT c.relrowsecurity, c.relforcerowsecurity,
                            (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relname = ?""")) {
            List<String> tables = DatabaseFingerprint.tableNames(owner);
            assertThat(tables).contains("sync_state", "daily_entries");
            for (String table : tables) {
                statement.setString(1, table);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    assertThat(rows.getBoolean(1))
                            .as("%s has row-level security enabled", table)
                            .isTrue();
                    assertThat(rows.getBoolean(2))
                            .as("%s has row-level security forced", table)
                            .isTrue();
                    assertThat(rows.getInt(3)).as("%s has a policy", table).isPositive();
                }
            }
        }
    }

    @Test
    void theAppRoleWithoutAUserSeesNoRowOfAnyTable() throws SQLException {
        try (Connection app = appConnection();
                Connection owner = server.ownerDataSource().getConnection()) {
            int populated = 0;
            for (String table : DatabaseFingerprint.tableNames(owner)) {
                assertThat(count(app, table, ""))
                        .as("rows of %s visible without app.user_id", table)
                        .isZero();
                populated += count(owner, table, "") > 0 ? 1 : 0;
            }
            assertThat(populated).as("tables with data to hide").isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theAppRoleActingForOneUserSeesExactlyThatUsersRows() throws SQLException {
        try (Connection owner = server.ownerDataSource().getConnection()) {
            for (String user : USERS) {
                try (Connection app = appConnection()) {
                    app.setAutoCommit(false);
                    try (var set = app.prepareStatement("SELECT set_config('app.user_id', ?, true)")) {
                        set.setString(1, user);
                        set.execute();
                    }
                    for (String table : DatabaseFingerprint.tableNames(owner)) {
                        List<String> columns = columns(owner, table);
                        assertThat(columns).as("%s is keyed by user_id", table).contains("user_id");
                        assertThat(count(app, table, " WHERE user_id <> '" + user + "'"))
                                .as("%s: rows of other users visible to %s", table, user)
                                .isZero();
                        assertThat(count(app, table, ""))
                                .as("%s: %s's own rows", table, user)
                                .isEqualTo(count(owner, table, " WHERE user_id = '" + user + "'"));
                    }
                    assertThat(count(app, "sync_state", "")).isEqualTo(1);
                    app.rollback();
                }
            }
        }
    }

    @Test
    void theAppRoleCannotWriteRowsForAnotherUser() throws SQLException {
        try (Connection app = appConnection()) {
            app.setAutoCommit(false);
            try (var statement = app.createStatement()) {
                statement.execute("SELECT set_config('app.user_id', 'rls-alice', true)");
                int updated = statement.executeUpdate(
                        "UPDATE sync_state SET version = version + 1000 WHERE user_id = 'rls-bob'");
                assertThat(updated).isZero();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.executeUpdate(
                                "INSERT INTO sync_state (user_id, version) VALUES ('rls-mallory', 1)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("row-level security");
            } finally {
                app.rollback();
            }
        }
    }

    private static Connection appConnection() throws SQLException {
        DatabaseSettings settings = server.database();
        return DriverManager.getConnection(settings.jdbcUrl(), settings.appUser(), settings.appPassword());
    }

    private static long count(Connection connection, String table, String where) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"" + where)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> columns(Connection owner, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var statement = owner.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }
}

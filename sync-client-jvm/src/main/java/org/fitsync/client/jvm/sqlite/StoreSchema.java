package org.fitsync.client.jvm.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a store file, versioned by {@code PRAGMA user_version}, and the user the file belongs to.
 * A file is created for one user and stays theirs: opening it for anyone else is refused, so a file
 * renamed or copied under another user's name cannot show them someone else's records.
 */
final class StoreSchema {

    /** The version of the file's layout; a file of a newer version is refused rather than misread. */
    static final int VERSION = 1;

    /** "FSYN": marks the file as a FitSync store for tools such as {@code file(1)}. */
    static final int APPLICATION_ID = 0x4653594e;

    private static final List<String> VERSION_1 = List.of(
            """
            CREATE TABLE store_meta (
              singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
              user_id TEXT NOT NULL,
              last_pulled_at INTEGER NOT NULL,
              schema_version INTEGER NOT NULL,
              last_synced_at TEXT,
              last_pull_mark INTEGER NOT NULL,
              local_version INTEGER NOT NULL
            ) STRICT""",
            """
            CREATE TABLE records (
              collection TEXT NOT NULL,
              id TEXT NOT NULL,
              values_json TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('SYNCED', 'CREATED', 'UPDATED', 'DELETED')),
              changed_columns TEXT NOT NULL,
              local_version INTEGER NOT NULL,
              pull_mark INTEGER NOT NULL,
              attempts INTEGER NOT NULL,
              failure TEXT,
              PRIMARY KEY (collection, id)
            ) STRICT""",
            // The outbox's reads: what to push next, what failed, and the sweep after a replacement pull.
            """
            CREATE INDEX records_pending ON records (local_version, collection, id)
              WHERE state <> 'SYNCED' AND failure IS NULL""",
            "CREATE INDEX records_failed ON records (local_version, collection, id) WHERE failure IS NOT NULL",
            "CREATE INDEX records_synced_by_mark ON records (pull_mark) WHERE state = 'SYNCED'",
            """
            CREATE TABLE ops (
              sequence INTEGER PRIMARY KEY AUTOINCREMENT,
              op_key TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL,
              payload TEXT NOT NULL,
              track BLOB,
              attempts INTEGER NOT NULL,
              failure TEXT
            ) STRICT""",
            "CREATE INDEX ops_waiting ON ops (sequence) WHERE failure IS NULL",
            "CREATE INDEX ops_failed ON ops (sequence) WHERE failure IS NOT NULL",
            """
            CREATE TABLE run_lifecycles (
              run_id TEXT PRIMARY KEY,
              state TEXT NOT NULL CHECK (state IN ('LOCAL_ONLY', 'SYNCING', 'SYNCED', 'FAILED')),
              failure TEXT
            ) STRICT""");

    private StoreSchema() {}

    /**
     * Creates the tables in a new file, or checks an existing one: its layout version and its user.
     * Runs in its own transaction, so two processes opening a new file at once create it once.
     */
    static void prepare(Connection connection, String userId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                int version = intPragma(statement, "user_version");
                if (version == 0) {
                    create(connection, statement, userId);
                } else {
                    check(connection, statement, version, userId);
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private static void create(Connection connection, Statement statement, String userId) throws SQLException {
        try (ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            tables.next();
            if (tables.getInt(1) != 0) {
                throw new IllegalStateException("the file holds a database that is not a FitSync store");
            }
        }
        for (String ddl : VERSION_1) {
            statement.execute(ddl);
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO store_meta
                  (singleton, user_id, last_pulled_at, schema_version, last_synced_at, last_pull_mark, local_version)
                VALUES (1, ?, 0, 1, NULL, 0, 0)""")) {
            insert.setString(1, userId);
            insert.executeUpdate();
        }
        statement.execute("PRAGMA application_id = " + APPLICATION_ID);
        statement.execute("PRAGMA user_version = " + VERSION);
    }

    private static void check(Connection connection, Statement statement, int version, String userId)
            throws SQLException {
        if (intPragma(statement, "application_id") != APPLICATION_ID) {
            throw new IllegalStateException("the file holds a database that is not a FitSync store");
        }
        if (version > VERSION) {
            throw new IllegalStateException("the store was written by a newer FitSync (layout version " + version
                    + ", this one reads up to " + VERSION + ")");
        }
        // Later layout versions migrate here, one step per version, inside this transaction.
        try (PreparedStatement select = connection.prepareStatement("SELECT user_id FROM store_meta")) {
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !row.getString(1).equals(userId)) {
                    throw new IllegalStateException("the store file belongs to another user");
                }
            }
        }
    }

    private static int intPragma(Statement statement, String pragma) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA " + pragma)) {
            result.next();
            return result.getInt(1);
        }
    }
}

package org.fitsync.client.jvm.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.LocalTransaction;
import org.sqlite.SQLiteConfig;

/**
 * One user's store: one SQLite connection, used by one transaction at a time. The app's thread and the
 * sync thread both call {@link #write} and {@link #read}; a lock makes them take turns, so transactions
 * on this connection never interleave. Each {@code write} is one {@code BEGIN IMMEDIATE ... COMMIT}: when
 * it returns, the commit is in the fsynced write-ahead log.
 */
final class SqliteStore implements LocalStore {

    private final String userId;
    private final ReentrantLock lock = new ReentrantLock();
    // Used only while holding lock.
    private final Connection connection;
    private final Statements statements;
    private boolean inTransaction;
    private boolean closed;

    private SqliteStore(String userId, Connection connection) {
        this.userId = userId;
        this.connection = connection;
        this.statements = new Statements(connection);
    }

    static SqliteStore open(Path file, String userId, SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(synchronous);
        // Another process (a second app instance, a backup tool) may hold the write lock for a moment.
        config.setBusyTimeout(10_000);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new SqliteStoreException("opening the store failed: " + e.getMessage(), e);
        }
        try {
            // The file is checked before WAL is switched on, so a file that is not this user's is left untouched.
            StoreSchema.prepare(connection, userId);
            requireDurability(connection, synchronous);
            return new SqliteStore(userId, connection);
        } catch (SQLException e) {
            closeAfter(connection, e);
            throw new SqliteStoreException("opening the store failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfter(connection, e);
            throw e;
        }
    }

    private static void closeAfter(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException close) {
            failure.addSuppressed(close);
        }
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public <T> T write(Function<LocalTransaction, T> work) {
        return inTransaction(work, true);
    }

    @Override
    public <T> T read(Function<LocalTransaction, T> work) {
        return inTransaction(work, false);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (inTransaction) {
                throw new IllegalStateException("a store cannot be closed inside one of its transactions");
            }
            closed = true;
            SQLException failure = null;
            try {
                statements.close();
            } catch (SQLException e) {
                failure = e;
            }
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw new SqliteStoreException("closing the store failed: " + failure.getMessage(), failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(Function<LocalTransaction, T> work, boolean writable) {
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            if (inTransaction) {
                throw new IllegalStateException("transactions do not nest: use the transaction already open");
            }
            inTransaction = true;
            try {
                return run(work, writable);
            } finally {
                inTransaction = false;
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T run(Function<LocalTransaction, T> work, boolean writable) {
        SqliteTransaction tx = new SqliteTransaction(statements, writable);
        try {
            // IMMEDIATE takes the write lock up front: a write never fails halfway for want of it.
            statements.execute(writable ? "BEGIN IMMEDIATE" : "BEGIN");
        } catch (SQLException e) {
            throw new SqliteStoreException("starting a transaction failed: " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            tx.end();
            rollback(e);
            throw e;
        }
        tx.end();
        try {
            statements.execute("COMMIT");
        } catch (SQLException e) {
            SqliteStoreException failure =
                    new SqliteStoreException("committing a transaction failed: " + e.getMessage(), e);
            rollback(failure);
            throw failure;
        }
        return result;
    }

    private void rollback(Throwable cause) {
        try {
            statements.execute("ROLLBACK");
        } catch (SQLException e) {
            // Also when SQLite had rolled back by itself (after some I/O errors): nothing is left to undo.
            cause.addSuppressed(e);
        }
    }

    /**
     * Switches the file to WAL (a no-op once it is: the mode is kept in the file). WAL can be refused (some
     * network file systems); the store would then silently run in another mode, so opening fails instead.
     */
    private static void requireDurability(Connection connection, SQLiteConfig.SynchronousMode synchronous)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                mode.next();
                if (!mode.getString(1).equalsIgnoreCase("wal")) {
                    throw new IllegalStateException("the store's file system refused SQLite's WAL mode");
                }
            }
            try (ResultSet sync = statement.executeQuery("PRAGMA synchronous")) {
                sync.next();
                if (sync.getInt(1) != level(synchronous)) {
                    throw new IllegalStateException("SQLite did not take synchronous=" + synchronous);
                }
            }
        }
    }

    private static int level(SQLiteConfig.SynchronousMode synchronous) {
        return switch (synchronous) {
            case OFF -> 0;
            case NORMAL -> 1;
            case FULL -> 2;
        };
    }
}

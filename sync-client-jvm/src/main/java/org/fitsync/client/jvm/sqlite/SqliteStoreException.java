package org.fitsync.client.jvm.sqlite;

import java.sql.SQLException;

/** The database under a local store failed (disk full, I/O error, locked for too long). */
public final class SqliteStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SqliteStoreException(String message, SQLException cause) {
        super(message, cause);
    }
}

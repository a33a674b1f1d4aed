package org.fitsync.app.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A separate FitSync-like process for {@link EmbeddedDatabaseRestartTest}: starts the embedded database
 * in the given data directory, stores a marker, says READY and waits to be killed.
 */
public final class EmbeddedDatabaseHolder {

    private EmbeddedDatabaseHolder() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 1);
        try (Connection c = DriverManager.getConnection(
                        db.settings().jdbcUrl(),
                        db.settings().ownerUser(),
                        db.settings().ownerPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS restart_probe (marker text)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO restart_probe VALUES (?)")) {
                insert.setString(1, args[1]);
                insert.executeUpdate();
            }
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

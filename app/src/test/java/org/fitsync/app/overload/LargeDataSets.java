package org.fitsync.app.overload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Users with a large history for first-sync tests, written straight into the database as one
 * version of generic {@code workouts} records in their stored (wire) form: far faster than pushing
 * them, and served by pulls exactly as pushed records are.
 */
final class LargeDataSets {

    /** Notes long enough that a record is about half a kilobyte on the wire. */
    private static final String NOTES = "Back squat 5x5 at RPE 8, paused reps on the last set; ".repeat(7);

    private LargeDataSets() {}

    static void seed(DataSource owner, List<String> users, int recordsPerUser) throws SQLException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement state =
                            c.prepareStatement("INSERT INTO sync_state (user_id, version) VALUES (?, 1)");
                    PreparedStatement records = c.prepareStatement("""
                            INSERT INTO sync_records (user_id, collection, id, data, version, seq)
                            SELECT ?, 'workouts', 'w' || g,
                                   jsonb_build_object('id', 'w' || g, 'name', 'Workout ' || g, 'notes', ?::text,
                                       'template_id', 't' || (g % 12), 'exercises', '[]',
                                       'started_at', 1795158000000 + g * 60000, 'ended_at', 1795161600000 + g * 60000,
                                       'created_at', 1795158000000, 'updated_at', 1795158000000),
                                   1, g
                            FROM generate_series(0, ? - 1) AS g""")) {
                for (String user : users) {
                    state.setString(1, user);
                    state.executeUpdate();
                    records.setString(1, user);
                    records.setString(2, NOTES);
                    records.setInt(3, recordsPerUser);
                    records.executeUpdate();
                }
            }
            c.commit();
        }
    }
}

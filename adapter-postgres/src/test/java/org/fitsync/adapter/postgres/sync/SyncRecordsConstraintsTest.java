package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The database's own last line of defence on {@code sync_records}: whatever reaches it past the
 * domain's validation, a collection name or record id outside the wire rules is refused.
 */
class SyncRecordsConstraintsTest {

    private static DataSource owner;

    @BeforeAll
    static void database() {
        owner = PostgresTestDatabase.ownerDataSource(PostgresTestDatabase.fresh());
    }

    @ParameterizedTest(name = "collection {0}, id {1} stored: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "workouts|w-1.a_B|true",
                "a|x|true",
                "w0rk_outs|" + "0123456789012345678901234567890123456789012345678901234567890123" + "|true",
                "workouts|" + "01234567890123456789012345678901234567890123456789012345678901234" + "|false",
                "workouts|''|false",
                "workouts|w 1|false",
                "workouts|w/1|false",
                "workouts|wé|false",
                "workouts|'w\n'|false",
                "''|w1|false",
                "1workouts|w1|false",
                "_workouts|w1|false",
                "Workouts|w1|false",
                "work-outs|w1|false",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk|w1|true",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl|w1|false"
            })
    void onlyWireConformingNamesAndIdsAreStored(String collection, String id, boolean stored) throws SQLException {
        try (Connection connection = owner.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO sync_records (user_id, collection, id, data, version, seq)
                     VALUES ('constraints-user', ?, ?, '{}', 1, 0)""")) {
            insert.setString(1, collection);
            insert.setString(2, id);
            boolean accepted;
            try {
                accepted = insert.executeUpdate() == 1;
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23514"); // check_violation
                accepted = false;
            }
            assertThat(accepted).isEqualTo(stored);
        }
    }
}

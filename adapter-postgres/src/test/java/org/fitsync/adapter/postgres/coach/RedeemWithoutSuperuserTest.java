package org.fitsync.adapter.postgres.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.coach.CoachService;
import org.fitsync.application.daily.DailyEntryService;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.IssuedPairingCode;
import org.fitsync.domain.coach.PairingOutcome;
import org.fitsync.ports.in.coach.CreatePairingCodeCommand;
import org.fitsync.ports.in.coach.LinkClientCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test databases' owner is a superuser, which row-level security never restricts. Production
 * owners need not be: here redeem_pairing_code belongs to an ordinary role, so it only finds a
 * client's code through the policy that shows the row with the sought hash.
 */
class RedeemWithoutSuperuserTest {

    private static DatabaseSettings settings;
    private static PostgresDatabase db;
    private static CoachService coaching;

    @BeforeAll
    static void start() throws SQLException {
        settings = PostgresTestDatabase.fresh();
        owner("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fitsync_plain_owner') THEN
                        CREATE ROLE fitsync_plain_owner NOLOGIN NOSUPERUSER NOBYPASSRLS;
                    END IF;
                END $$""");
        owner("GRANT SELECT, UPDATE ON pairing_codes TO fitsync_plain_owner");
        owner("ALTER FUNCTION redeem_pairing_code(bytea, timestamptz) OWNER TO fitsync_plain_owner");
        db = PostgresDatabase.connect(settings, null);
        PostgresTransactions tx = new PostgresTransactions(db.jdbi());
        PostgresSyncVersions versions = new PostgresSyncVersions();
        PostgresDailyEntries entries = new PostgresDailyEntries();
        DailyEntryService daily = new DailyEntryService(tx, versions, new DailyEntryService.Storage(entries, entries));
        PostgresCoaching store = new PostgresCoaching();
        coaching = new CoachService(
                new CoachService.Ports(tx, versions, store, store, store, store),
                daily,
                daily,
                Clock.systemUTC(),
                new SecureRandom());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void owner(String sql) throws SQLException {
        DataSource owner = PostgresTestDatabase.ownerDataSource(settings);
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void anOrdinaryOwnerFindsTheCodeThroughTheHashPolicyOnly() throws SQLException {
        IssuedPairingCode first = coaching.create(new CreatePairingCodeCommand(new UserId("plain-client")));
        assertThat(coaching.link(new LinkClientCommand(new UserId("plain-coach"), first.code())))
                .isEqualTo(new PairingOutcome.Linked(new UserId("plain-client")));
        assertThat(coaching.link(new LinkClientCommand(new UserId("plain-coach-2"), first.code())))
                .isInstanceOf(PairingOutcome.AlreadyUsed.class);

        // Without the hash policy the function cannot see the client's row at all.
        IssuedPairingCode second = coaching.create(new CreatePairingCodeCommand(new UserId("plain-client")));
        owner("DROP POLICY pairing_codes_redeem_read ON pairing_codes");
        owner("DROP POLICY pairing_codes_redeem_use ON pairing_codes");
        assertThat(coaching.link(new LinkClientCommand(new UserId("plain-coach-3"), second.code())))
                .isInstanceOf(PairingOutcome.Unknown.class);
    }
}

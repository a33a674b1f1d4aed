package org.fitsync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresTransactionsTest {

    private static DatabaseSettings settings;
    private static PostgresDatabase db;
    private static PostgresTransactions tx;
    private static final PostgresSyncVersions versions = new PostgresSyncVersions();
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");

    @BeforeAll
    static void start() {
        settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void versionsIncreasePerUserAndAreIsolated() {
        long a1 = tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        long a2 = tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        long b1 = tx.inUserTransaction(BOB, () -> versions.claimNextVersion(BOB));
        assertThat(a2).isEqualTo(a1 + 1);
        assertThat(b1).isEqualTo(1);
        // Bob's transaction cannot see Alice's counter even when asking for it by name.
        assertThat(tx.inUserSnapshot(BOB, () -> versions.currentVersion(ALICE))).isZero();
        assertThat(tx.inUserSnapshot(ALICE, () -> versions.currentVersion(ALICE)))
                .isEqualTo(a2);
    }

    @Test
    void rowLevelSecurityRefusesWritesForAnotherUser() {
        assertThatThrownBy(() -> tx.inUserTransaction(BOB, () -> versions.claimNextVersion(ALICE)))
                .hasMessageContaining("row-level security");
    }

    @Test
    void aClaimAfterOtherStatementsWorksAndIsRefusedForAnotherUserAlike() {
        long first = tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        long later = tx.inUserTransaction(ALICE, () -> {
            assertThat(versions.currentVersion(ALICE)).isEqualTo(first);
            return versions.claimNextVersion(ALICE);
        });
        assertThat(later).isEqualTo(first + 1);
        assertThatThrownBy(() -> tx.inUserTransaction(BOB, () -> {
                    versions.currentVersion(BOB);
                    return versions.claimNextVersion(ALICE);
                }))
                .hasMessageContaining("row-level security");
        assertThat(tx.inUserSnapshot(ALICE, () -> versions.currentVersion(ALICE)))
                .isEqualTo(later);
    }

    @Test
    void appRoleWithoutUserSettingSeesNoRows() throws Exception {
        tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sync_state")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        try (Connection c = PostgresTestDatabase.ownerDataSource(settings).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sync_state")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    @Test
    void failedTransactionRollsBackItsVersion() {
        long before = tx.inUserSnapshot(ALICE, () -> versions.currentVersion(ALICE));
        assertThatThrownBy(() -> tx.inUserTransaction(ALICE, () -> {
                    versions.claimNextVersion(ALICE);
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tx.inUserSnapshot(ALICE, () -> versions.currentVersion(ALICE)))
                .isEqualTo(before);
    }

    private static String session() {
        return PostgresTransactions.query(
                "SELECT current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')"
                        + " || ' ' || current_setting('app.user_id') || ' ' || ?",
                (statement, first) -> statement.setString(first, "bound"),
                rows -> {
                    rows.next();
                    return rows.getString(1);
                });
    }

    @Test
    void aSnapshotsFirstStatementCarriesItsIsolationAndUser() {
        assertThat(tx.inUserSnapshot(ALICE, PostgresTransactionsTest::session))
                .isEqualTo("repeatable read on alice bound");
        assertThat(tx.inUserSnapshot(BOB, () -> {
                    PostgresTransactions.handle();
                    return session();
                }))
                .isEqualTo("repeatable read on bob bound");
        assertThat(tx.inUserTransaction(ALICE, PostgresTransactionsTest::session))
                .isEqualTo("read committed off alice bound");
    }

    @Test
    void aSnapshotOpenedByItsVersionReadDoesNotSeeLaterCommits() {
        long before = tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        long[] seen = tx.inUserSnapshot(ALICE, () -> {
            long first = versions.currentVersion(ALICE);
            // Another thread's transaction (its own connection) commits a newer version meanwhile.
            CompletableFuture.supplyAsync(() -> tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE)))
                    .join();
            return new long[] {first, versions.currentVersion(ALICE)};
        });
        assertThat(seen).containsExactly(before, before);
        assertThat(tx.inUserSnapshot(ALICE, () -> versions.currentVersion(ALICE)))
                .isEqualTo(before + 1);
    }

    @Test
    void snapshotsAreReadOnly() {
        assertThatThrownBy(() -> tx.inUserSnapshot(ALICE, () -> versions.claimNextVersion(ALICE)))
                .hasMessageContaining("read-only");
    }

    @Test
    void transactionsDoNotNestAcrossUsers() {
        assertThatThrownBy(() -> tx.inUserTransaction(
                        ALICE, () -> tx.inUserTransaction(BOB, () -> versions.claimNextVersion(BOB))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pooledConnectionsDoNotLeakTheUserSetting() {
        for (int i = 0; i < 20; i++) {
            tx.inUserTransaction(ALICE, () -> versions.claimNextVersion(ALICE));
        }
        String leaked = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT coalesce(current_setting('app.user_id', true), '')")
                        .mapTo(String.class)
                        .one());
        assertThat(leaked).isEmpty();
    }
}

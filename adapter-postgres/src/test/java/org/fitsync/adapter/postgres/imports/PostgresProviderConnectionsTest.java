package org.fitsync.adapter.postgres.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ProviderConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Encrypted tokens, rotation by compare-and-set, the webhook's athlete lookup, and LISTEN/NOTIFY. */
class PostgresProviderConnectionsTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private final Instant expires = Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private DatabaseSettings settings;
    private PostgresDatabase db;
    private PostgresTransactions tx;
    private PostgresProviderConnections connections;

    @BeforeEach
    void start() {
        settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
        connections = new PostgresProviderConnections(TokenCipher.fromBase64(KEY), db.jdbi());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private ProviderConnection connection(String access, String refresh) {
        return new ProviderConnection(77, Set.of("read", "activity:read_all"), access, refresh, expires);
    }

    @Test
    void tokensAreStoredEncryptedAndReadBack() throws Exception {
        tx.useUserTransaction(ALICE, () -> connections.save(ALICE, connection("access-secret-1", "refresh-secret-1")));
        assertThat(tx.inUserSnapshot(ALICE, () -> connections.load(ALICE)))
                .contains(connection("access-secret-1", "refresh-secret-1"));
        try (Connection c = PostgresTestDatabase.ownerDataSource(settings).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT access_token, refresh_token FROM provider_connections")) {
            rs.next();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("access-secret");
            assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain("refresh-secret");
        }
        var otherKey = new PostgresProviderConnections(
                TokenCipher.fromBase64("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA"), db.jdbi());
        assertThat(tx.inUserSnapshot(ALICE, () -> otherKey.load(ALICE)))
                .as("another key reads nothing")
                .isEmpty();
        assertThat(tx.inUserSnapshot(BOB, () -> connections.load(BOB))).isEmpty();
    }

    @Test
    void aRotationAppliesOnlyOverTheRefreshTokenItReplaces() {
        tx.useUserTransaction(ALICE, () -> connections.save(ALICE, connection("a1", "r1")));
        assertThat(tx.inUserTransaction(ALICE, () -> connections.replaceTokens(ALICE, "r1", connection("a2", "r2"))))
                .isTrue();
        assertThat(tx.inUserTransaction(ALICE, () -> connections.replaceTokens(ALICE, "r1", connection("a3", "r3"))))
                .as("a refresh that lost the race")
                .isFalse();
        assertThat(tx.inUserSnapshot(ALICE, () -> connections.load(ALICE))
                        .orElseThrow()
                        .refreshToken())
                .isEqualTo("r2");
    }

    @Test
    void webhooksFindTheUserOfAnAthleteAcrossUsers() {
        tx.useUserTransaction(ALICE, () -> connections.save(ALICE, connection("a1", "r1")));
        assertThat(connections.userForAthlete(77)).contains(ALICE);
        assertThat(connections.userForAthlete(78)).isEmpty();
        tx.useUserTransaction(ALICE, () -> connections.delete(ALICE));
        assertThat(connections.userForAthlete(77)).isEmpty();
    }

    @Test
    void changesAreNotifiedOnCommitOnly() throws Exception {
        try (PostgresImportEvents events = new PostgresImportEvents(db.dataSource())) {
            ImportId committed = ImportId.random();
            ImportId rolledBack = ImportId.random();
            CountDownLatch heard = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            events.subscribe(committed, heard::countDown);
            events.subscribe(rolledBack, never::countDown);
            assertThat(events.awaitListening(Duration.ofSeconds(10))).isTrue();
            try {
                tx.useUserTransaction(ALICE, () -> {
                    events.changed(ALICE, rolledBack);
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // The notification went with the transaction.
            }
            tx.useUserTransaction(ALICE, () -> events.changed(ALICE, committed));
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            // One connection hears notifications in commit order and hands them on one by one: had the
            // rolled-back change been sent, its listener would have run before the committed one's.
            assertThat(never.getCount()).isEqualTo(1);
        }
    }
}

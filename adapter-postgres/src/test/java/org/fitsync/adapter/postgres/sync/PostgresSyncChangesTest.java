package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.fitsync.adapter.postgres.ChangeAnnouncer;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.sync.WatchSyncChangesPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Committed version claims reach every listening node once committed, and only then, whether announced
 * on the writing connection or by the node's announcer (bursts with each user's newest, a cut
 * connection opened again, what waits announced on close).
 */
class PostgresSyncChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static DatabaseSettings settings;
    private static PostgresDatabase db;
    /** Announces on each transaction's own connection, before returning (tools and tests). */
    private static PostgresTransactions tx;
    /** Hands claims to the node's announcer, as the server does. */
    private static ChangeAnnouncer announcer;

    private static PostgresTransactions announced;
    private static PostgresSyncChanges changes;
    private static final PostgresSyncVersions versions = new PostgresSyncVersions();

    @BeforeAll
    static void start() throws InterruptedException {
        settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
        announcer = new ChangeAnnouncer(db.listenerSource());
        announced = new PostgresTransactions(db.jdbi(), announcer);
        changes = new PostgresSyncChanges(db.listenerSource());
        assertThat(changes.awaitListening(WAIT)).isTrue();
    }

    @AfterAll
    static void stop() {
        announcer.close();
        changes.close();
        db.close();
    }

    /** Both ways a node announces: on the transaction's connection, and through its announcer. */
    static Stream<Arguments> announcing() {
        return Stream.of(Arguments.of("inline", tx), Arguments.of("announcer", announced));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("announcing")
    void aCommittedClaimIsHeardWithItsVersionAndUser(String how, PostgresTransactions tx) {
        UserId user = new UserId("heard-" + how);
        Heard heard = watch(user);

        long version = tx.inUserTransaction(user, () -> versions.claimNextVersion(user));

        await().atMost(WAIT).until(() -> heard.versions.equals(List.of(version)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("announcing")
    void aRolledBackClaimIsNeverHeard(String how, PostgresTransactions tx) {
        UserId rolledBack = new UserId("rolled-back-" + how);
        UserId barrier = new UserId("barrier-" + how);
        Heard heardRolledBack = watch(rolledBack);
        Heard heardBarrier = watch(barrier);

        assertThatThrownBy(() -> tx.inUserTransaction(rolledBack, () -> {
                    versions.claimNextVersion(rolledBack);
                    throw new IllegalStateException("the write fails after its claim");
                }))
                .hasMessageContaining("fails after its claim");
        // Announcements from one thread arrive in order (the announcer sends claims in the order it got
        // them): once the later one is heard, one of the rolled-back claim would have been heard with or
        // before it.
        long later = tx.inUserTransaction(barrier, () -> versions.claimNextVersion(barrier));

        await().atMost(WAIT).until(() -> heardBarrier.versions.equals(List.of(later)));
        assertThat(heardRolledBack.versions).isEmpty();
    }

    @Test
    void severalClaimsInOneTransactionAreHeardOnceWithTheHighest() {
        UserId user = new UserId("several");
        Heard heard = watch(user);

        long last = tx.inUserTransaction(user, () -> {
            versions.claimNextVersion(user);
            return versions.claimNextVersion(user);
        });
        long next = tx.inUserTransaction(user, () -> versions.claimNextVersion(user));

        await().atMost(WAIT).until(() -> heard.versions.equals(List.of(last, next)));
    }

    @Test
    void aBurstFromManyWritersIsHeardUpToEachUsersNewestVersion() throws Exception {
        List<UserId> users = new ArrayList<>();
        Map<UserId, Heard> heard = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            UserId user = new UserId("announcer-burst-" + i);
            users.add(user);
            heard.put(user, watch(user));
        }
        Map<UserId, Long> newest = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                UserId user = users.get(i % users.size());
                writes.add(writers.submit(() -> newest.merge(
                        user, announced.inUserTransaction(user, () -> versions.claimNextVersion(user)), Math::max)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }

        for (UserId user : users) {
            Heard of = heard.get(user);
            await().atMost(WAIT).until(() -> of.versions.contains(newest.get(user)));
            // Only committed versions of this user, none twice, the newest among them.
            assertThat(of.versions)
                    .doesNotHaveDuplicates()
                    .allSatisfy(v -> assertThat(v).isBetween(1L, newest.get(user)));
        }
        assertThat(newest.values()).allSatisfy(v -> assertThat(v).isEqualTo(25L));
    }

    @Test
    void aCutConnectionIsOpenedAgainForTheNextAnnouncement() throws Exception {
        UserId user = new UserId("announcer-reconnect");
        Heard heard = watch(user);
        long first = announced.inUserTransaction(user, () -> versions.claimNextVersion(user));
        await().atMost(WAIT).until(() -> heard.versions.contains(first));

        try (Connection owner = PostgresTestDatabase.ownerDataSource(settings).getConnection();
                PreparedStatement cut = owner.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            cut.setString(1, ChangeAnnouncer.APPLICATION_NAME);
            try (ResultSet cutConnections = cut.executeQuery()) {
                cutConnections.next();
                assertThat(cutConnections.getInt(1)).isEqualTo(1);
            }
        }
        long second = announced.inUserTransaction(user, () -> versions.claimNextVersion(user));

        await().atMost(WAIT).until(() -> heard.versions.equals(List.of(first, second)));
    }

    @Test
    void closingAnnouncesWhatIsStillWaiting() {
        UserId user = new UserId("announcer-closing");
        Heard heard = watch(user);
        ChangeAnnouncer closing = new ChangeAnnouncer(db.listenerSource());
        PostgresTransactions closingTx = new PostgresTransactions(db.jdbi(), closing);

        long version = closingTx.inUserTransaction(user, () -> versions.claimNextVersion(user));
        closing.close();

        await().atMost(WAIT).until(() -> heard.versions.equals(List.of(version)));
    }

    private static Heard watch(UserId user) {
        Heard heard = new Heard();
        changes.watch(user, heard);
        return heard;
    }

    private static final class Heard implements WatchSyncChangesPort.Listener {
        final List<Long> versions = new CopyOnWriteArrayList<>();

        @Override
        public void changed(long version) {
            versions.add(version);
        }

        @Override
        public void mayHaveMissed() {}
    }
}

package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** Committed version claims reach every listening node once committed, and only then. */
class PostgresSyncChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static PostgresDatabase db;
    private static PostgresTransactions tx;
    private static PostgresSyncChanges changes;
    private static final PostgresSyncVersions versions = new PostgresSyncVersions();

    @BeforeAll
    static void start() throws InterruptedException {
        DatabaseSettings settings = PostgresTestDatabase.fresh();
        db = PostgresDatabase.connect(settings, null);
        tx = new PostgresTransactions(db.jdbi());
        changes = new PostgresSyncChanges(db.listenerSource());
        assertThat(changes.awaitListening(WAIT)).isTrue();
    }

    @AfterAll
    static void stop() {
        changes.close();
        db.close();
    }

    @Test
    void aCommittedClaimIsHeardWithItsVersionAndUser() {
        UserId user = new UserId("heard");
        Heard heard = watch(user);

        long version = tx.inUserTransaction(user, () -> versions.claimNextVersion(user));

        await().atMost(WAIT).until(() -> heard.versions.equals(List.of(version)));
    }

    @Test
    void aRolledBackClaimIsNeverHeard() {
        UserId rolledBack = new UserId("rolled-back");
        UserId barrier = new UserId("barrier");
        Heard heardRolledBack = watch(rolledBack);
        Heard heardBarrier = watch(barrier);

        assertThatThrownBy(() -> tx.inUserTransaction(rolledBack, () -> {
                    versions.claimNextVersion(rolledBack);
                    throw new IllegalStateException("the write fails after its claim");
                }))
                .hasMessageContaining("fails after its claim");
        // Announcements from one thread arrive in order: once the later one is heard, an announcement of
        // the rolled-back claim would have been heard before it.
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

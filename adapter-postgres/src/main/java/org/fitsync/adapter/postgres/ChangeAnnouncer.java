package org.fitsync.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fitsync.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces committed version claims on channel {@value PostgresTransactions#CHANGES_CHANNEL} from a
 * thread of its own (ADR 0027): a write hands its claims over once it has committed and answers its
 * client without waiting, and the claims that arrive while one announcement is on its way go out
 * together in the next, one statement for all of them, keeping only each user's newest claim. Under
 * load that is one round trip and one short transaction per batch instead of per write, off the
 * request path. It holds a connection of its own for that (opened again after a failure), so it
 * never waits for the pool behind the writes it announces.
 *
 * <p>Announcements are hints (ADR 0009): claims that cannot be announced (the database is away, or
 * more than {@value #MAX_WAITING} wait) are logged and dropped, which delays listening devices until
 * their next pull and never fails a write.
 */
public final class ChangeAnnouncer implements AutoCloseable {

    /** Claims waiting beyond this are dropped rather than held without bound while the database is away. */
    static final int MAX_WAITING = 100_000;

    /**
     * One transaction that does not wait for its WAL flush: a {@code NOTIFY} holds PostgreSQL's one
     * notification lock from its commit's start to its end, and only a commit that need not reach the
     * disk keeps that short. The writes it announces are durable already.
     */
    private static final String ANNOUNCE = "SELECT set_config('synchronous_commit', 'off', true), pg_notify('"
            + PostgresTransactions.CHANGES_CHANNEL + "', payload) FROM unnest(?) AS payload";

    /** How the announcing connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "fitsync change announcer";

    private static final Logger LOG = LoggerFactory.getLogger(ChangeAnnouncer.class);
    private static final Claim STOP = new Claim(new UserId("-"), 0);

    private record Claim(UserId user, long version) {}

    private final DataSource dataSource;
    private final BlockingQueue<Claim> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private volatile boolean dropping;
    /** The announcing thread's connection and statement; null until opened and after a failure. */
    private Connection connection;

    private PreparedStatement statement;

    /** Starts the announcing thread; it opens one connection of {@code dataSource} (an unpooled one). */
    public ChangeAnnouncer(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "fitsync-change-announcer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands committed claims (the highest version per user of one transaction) over; never blocks. */
    void announce(Map<UserId, Long> claims) {
        for (Map.Entry<UserId, Long> claim : claims.entrySet()) {
            if (!waiting.offer(new Claim(claim.getKey(), claim.getValue())) && !dropping) {
                dropping = true;
                LOG.warn("More than {} change announcements wait; dropping new ones until they drain", MAX_WAITING);
            }
        }
    }

    private void run() {
        List<Claim> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                stopping = true;
            }
            waiting.drainTo(batch);
            stopping |= batch.remove(STOP);
            send(newestPerUser(batch));
            batch.clear();
        }
        disconnect();
    }

    private static Map<UserId, Long> newestPerUser(List<Claim> batch) {
        Map<UserId, Long> newest = new LinkedHashMap<>();
        for (Claim claim : batch) {
            newest.merge(claim.user(), claim.version(), Math::max);
        }
        return newest;
    }

    private void send(Map<UserId, Long> claims) {
        if (claims.isEmpty()) {
            return;
        }
        String[] payloads = payloads(claims);
        // A connection broken since the last batch (a database restart, an idle timeout) fails the
        // first try; the second runs on a new connection.
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                    connection.setClientInfo("ApplicationName", APPLICATION_NAME);
                    statement = connection.prepareStatement(ANNOUNCE);
                }
                statement.setObject(1, payloads);
                statement.execute();
                dropping = false;
                return;
            } catch (SQLException | RuntimeException e) {
                disconnect();
                if (attempt == 2) {
                    LOG.warn(
                            "{} committed changes were not announced to listening devices: {}",
                            payloads.length,
                            e.toString());
                }
            }
        }
    }

    /** One {@code "<version> <user id>"} per claim, what {@link #ANNOUNCE} takes. */
    private static String[] payloads(Map<UserId, Long> claims) {
        return claims.entrySet().stream()
                .map(claim -> claim.getValue() + " " + claim.getKey().value())
                .toArray(String[]::new);
    }

    /**
     * Announces {@code claims} at once on {@code connection}, which must be in auto-commit (the
     * announcement commits on its own); for {@link PostgresTransactions} without an announcer.
     */
    static void announceOn(Connection connection, Map<UserId, Long> claims) throws SQLException {
        try (PreparedStatement announce = connection.prepareStatement(ANNOUNCE)) {
            announce.setObject(1, payloads(claims));
            announce.execute();
        }
    }

    private void disconnect() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the announcing connection failed: {}", e.toString());
        }
        connection = null;
        statement = null;
    }

    /** Announces what is still waiting, then stops; call before the pool closes. */
    @Override
    public void close() {
        try {
            waiting.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.fitsync.adapter.postgres.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.sync.WatchSyncChangesPort;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every committed version claim on any node, heard through PostgreSQL {@code LISTEN}: the node that
 * wrote announces each claim on channel {@value #CHANNEL} with {@code "<version> <user id>"} once its
 * transaction has committed ({@link PostgresTransactions}). Announcements of one user's writes may
 * arrive out of order; watchers keep the newest. One connection per node listens and hands each
 * announcement to that user's watchers on this node; after a lost connection it listens again and
 * tells every watcher it may have missed changes.
 */
public final class PostgresSyncChanges implements WatchSyncChangesPort, AutoCloseable {

    static final String CHANNEL = PostgresTransactions.CHANGES_CHANNEL;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSyncChanges.class);
    private static final int POLL_MS = 250;

    private final DataSource dataSource;
    private final Map<UserId, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running = true;

    /** Holds one connection of {@code dataSource} (an unpooled one: {@code PostgresDatabase.listenerSource()}) for as long as it runs. */
    public PostgresSyncChanges(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::listen, "fitsync-sync-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Subscription watch(UserId user, Listener listener) {
        listeners.computeIfAbsent(user, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(user, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many users have a watcher on this node (for tests and metrics). */
    public int watchedUsers() {
        return listeners.size();
    }

    private void listen() {
        long backoff = 100;
        boolean reconnecting = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening.countDown();
                backoff = 100;
                if (reconnecting) {
                    everyWatcher(Listener::mayHaveMissed);
                }
                reconnecting = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Sync change listener lost its connection; reconnecting: {}", e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /**
     * Waits until the listening connection has run {@code LISTEN} for the first time: only changes
     * committed after that are heard. False if that did not happen within {@code timeout}.
     */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void dispatch(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0) {
            return;
        }
        long version;
        UserId user;
        try {
            version = Long.parseLong(payload.substring(0, space));
            user = new UserId(payload.substring(space + 1));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed sync change notification");
            return;
        }
        Set<Listener> watchers = listeners.get(user);
        if (watchers != null) {
            watchers.forEach(listener -> safely(() -> listener.changed(version)));
        }
    }

    private void everyWatcher(Consumer<Listener> call) {
        List<Listener> all = listeners.values().stream().flatMap(Set::stream).toList();
        all.forEach(listener -> safely(() -> call.accept(listener)));
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Sync change watcher failed", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

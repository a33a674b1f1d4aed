package org.fitsync.adapter.postgres.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.ports.out.imports.ImportEvents;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import changes across nodes by PostgreSQL {@code LISTEN/NOTIFY}: a change notifies inside its
 * transaction (delivered on commit, never for a rollback), and every node keeps one connection
 * listening, which it hands to the subscribers of that import. Reconnects if the connection drops.
 */
public final class PostgresImportEvents implements ImportEvents, AutoCloseable {

    static final String CHANNEL = "fitsync_imports";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresImportEvents.class);
    private static final int POLL_MS = 250;

    private final DataSource dataSource;
    private final Map<ImportId, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running = true;

    /** Holds one connection of {@code dataSource} (an unpooled one: {@code PostgresDatabase.listenerSource()}) for as long as it runs. */
    public PostgresImportEvents(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::listen, "fitsync-import-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void changed(UserId user, ImportId id) {
        PostgresTransactions.handle()
                .createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", CHANNEL)
                .bind("payload", id.toString())
                .mapTo(String.class)
                .findOne();
    }

    @Override
    public Subscription subscribe(ImportId id, Runnable listener) {
        listeners.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(id, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private void listen() {
        long backoff = 100;
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
                LOG.warn("Import event listener lost its connection; reconnecting: {}", e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /**
     * Waits until the listening connection has run {@code LISTEN} for the first time: only changes
     * committed after that are heard. False if that did not happen within {@code timeout}.
     */
    boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void dispatch(String payload) {
        ImportId.parse(payload)
                .map(listeners::get)
                .ifPresent(set -> set.forEach(listener -> {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Import event listener failed", e);
                    }
                }));
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

package org.fitsync.harness.events;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.ServerProcess;

/**
 * One FitSync node of the benchmark: {@code java -jar fitsync.jar serve} in its own JVM on the shared
 * database. Nodes of one database share the JWT secret (a device's token works on either) and the
 * token key.
 */
final class EventsNode implements AutoCloseable {

    static final String JWT_SECRET = "fitsync-events-bench-secret-0123456789-abcdefghij";
    private static final String TOKEN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final ServerProcess process;

    private EventsNode(String name, ServerProcess process) {
        this.name = name;
        this.process = process;
    }

    /** Starts the jar of {@code jar} against {@code db} with {@code extra} settings and waits until it is ready. */
    static EventsNode start(String name, FitSyncJar jar, DatabaseSettings db, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of(
                "FITSYNC_DATABASE_URL", db.jdbcUrl(),
                "FITSYNC_DATABASE_USER", db.appUser(),
                "FITSYNC_DATABASE_PASSWORD", db.appPassword(),
                "FITSYNC_DATABASE_OWNER_USER", db.ownerUser(),
                "FITSYNC_DATABASE_OWNER_PASSWORD", db.ownerPassword(),
                "FITSYNC_JWT_SECRET", JWT_SECRET,
                "FITSYNC_TOKEN_KEY", TOKEN_KEY,
                "FITSYNC_DATA_DIR",
                        Files.createTempDirectory("fitsync-events-" + name).toString(),
                "FITSYNC_WEATHER", "off"));
        env.putAll(extra);
        Path log = Files.createTempFile("fitsync-events-" + name, ".log");
        System.out.println("Node " + name + " log: " + log);
        EventsNode node = new EventsNode(name, jar.serve(List.of(), env, log));
        try {
            node.process.awaitReady(START_TIMEOUT);
            return node;
        } catch (InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    URI base() {
        return process.base();
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        try {
            process.stop(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.fitsync.client.jvm.sqlite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.fitsync.client.local.LocalStore;
import org.fitsync.domain.sync.Value;

/**
 * The process {@link SqliteKillTest} kills: commits numbered records one transaction each and prints each
 * number only once its transaction returned. Arguments: the stores' directory and the user id.
 */
public final class SqliteKillChild {

    /** Marks this program's lines: libraries on the test class path (logging) may print to stdout too. */
    static final String COMMITTED = "committed ";

    /** A bound, so a child whose parent vanished without killing it still ends. */
    private static final int MAX_WRITES = 1_000_000;

    private SqliteKillChild() {}

    public static void main(String[] args) {
        exitWhenParentGoes();
        PrintStream out = System.out;
        try (LocalStore store = new SqliteStores(Path.of(args[0])).open(args[1])) {
            for (int i = 0; i < MAX_WRITES; i++) {
                long number = store.write(tx -> {
                    long next = tx.nextLocalVersion();
                    tx.save(SqliteFixtures.synced(
                            "body_measurements", "n" + next, Map.of("value", new Value.Num(next))));
                    return next;
                });
                out.println(COMMITTED + number);
                out.flush();
            }
        }
    }

    /** The parent holds this process's stdin open; end of input means it is gone. */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Nothing is sent on stdin; it only closes.
                }
            } catch (IOException e) {
                // Treated as gone too.
            }
            Runtime.getRuntime().halt(3);
        });
        watcher.setDaemon(true);
        watcher.start();
    }
}

package org.fitsync.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fitsync.app.FitSyncApplication;
import org.fitsync.app.config.Environment;
import picocli.CommandLine.Command;

/** {@code fitsync serve}: runs a node until SIGTERM or SIGINT. */
@Command(
        name = "serve",
        description = "Start the HTTP server (embedded PostgreSQL unless FITSYNC_DATABASE_URL is set).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        FitSyncApplication app = FitSyncApplication.start(Environment.system());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool, stop the database.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "fitsync-shutdown"));
        stopped.await();
        return 0;
    }
}

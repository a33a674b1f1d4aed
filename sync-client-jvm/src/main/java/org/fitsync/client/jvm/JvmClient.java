package org.fitsync.client.jvm;

import java.net.URI;
import java.nio.file.Path;
import org.fitsync.client.ClientConfig;
import org.fitsync.client.jvm.files.DirectoryFiles;
import org.fitsync.client.jvm.http.HttpConnectivityProbe;
import org.fitsync.client.jvm.http.HttpSyncTransport;
import org.fitsync.client.jvm.sqlite.SqliteStores;

/**
 * One-call set-up of the sync client for desktop and server JVMs: SQLite stores under a data directory
 * (a database per user) with queued activity files beside them in {@code files/}, FitSync's HTTP API, the sync work on one daemon thread, and the server's
 * liveness endpoint as the connectivity probe. The result is an ordinary {@link ClientConfig}: tune it
 * further, then {@code FitSyncClient.signIn(config, user, tokens)}.
 *
 * <pre>{@code
 * FitSyncClient client = FitSyncClient.signIn(
 *         JvmClient.config(Path.of("fitsync-data"), URI.create("https://fitsync.example")), user, tokens);
 * client.start();
 * }</pre>
 */
public final class JvmClient {

    private JvmClient() {}

    /**
     * A configuration with its own {@link ExecutorScheduler}. Its thread is a daemon and lives as long as
     * the configuration is used; an app that signs users in and out repeatedly should share one scheduler
     * through {@link #config(Path, URI, ExecutorScheduler)} and close it on exit.
     */
    public static ClientConfig config(Path dataDirectory, URI server) {
        return config(dataDirectory, server, new ExecutorScheduler());
    }

    public static ClientConfig config(Path dataDirectory, URI server, ExecutorScheduler scheduler) {
        return ClientConfig.of(new SqliteStores(dataDirectory), new HttpSyncTransport(server), scheduler)
                .files(new DirectoryFiles(dataDirectory.resolve("files")))
                .connectivityProbe(new HttpConnectivityProbe(server));
    }
}

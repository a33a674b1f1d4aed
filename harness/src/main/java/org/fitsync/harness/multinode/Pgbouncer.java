package org.fitsync.harness.multinode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fitsync.harness.process.FitSyncJar;

/**
 * PgBouncer from Debian's packages between the nodes and PostgreSQL, in transaction mode, as
 * docs/scaling.md tells an operator to run it: the nodes' pools connect here with {@code prepareThreshold=0},
 * their {@code LISTEN} connections and migrations go to PostgreSQL directly. It runs in the foreground as a
 * child process; as root it switches to the {@code postgres} user ({@code -u}), since it refuses to run as
 * root.
 */
final class Pgbouncer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Pgbouncer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Pgbouncer start(Path workDir, DebianPostgres postgres) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(workDir.resolve("pgbouncer"));
        int port = FitSyncJar.freePort();
        Path users = dir.resolve("userlist.txt");
        // Plain passwords in the auth file let PgBouncer answer the driver's SCRAM exchange itself.
        Files.writeString(
                users, "\"" + DebianPostgres.APP + "\" \"" + postgres.appPassword() + "\"\n", StandardCharsets.UTF_8);
        Path ini = dir.resolve("pgbouncer.ini");
        Files.writeString(ini, config(port, postgres.port(), users), StandardCharsets.UTF_8);
        Path log = workDir.resolve("pgbouncer.log");
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        List<String> command = new ArrayList<>(List.of(System.getProperty("multinode.pgbouncer.bin", "pgbouncer")));
        if (asRoot) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
            command.addAll(List.of("-u", "postgres"));
        }
        command.add(ini.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Pgbouncer bouncer = new Pgbouncer(process, port, log);
        bouncer.awaitListening(Duration.ofSeconds(30));
        return bouncer;
    }

    /**
     * Transaction pooling; a client waits at most 5 s for a server connection (then gets an error, which a
     * node answers as {@code 503}); a failed login to a PostgreSQL that is restarting is retried after 1 s.
     * The driver's {@code extra_float_digits} start-up parameter is one PgBouncer does not track: ignored.
     */
    static String config(int port, int postgresPort, Path users) {
        return """
                [databases]
                %s = host=127.0.0.1 port=%d dbname=%s

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %s
                pool_mode = transaction
                max_client_conn = 500
                default_pool_size = 30
                ignore_startup_parameters = extra_float_digits
                query_wait_timeout = 5
                server_connect_timeout = 2
                server_login_retry = 1
                """.formatted(DebianPostgres.DATABASE, postgresPort, DebianPostgres.DATABASE, port, users);
    }

    /** The URL the nodes' pools use. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DebianPostgres.DATABASE + "?prepareThreshold=0";
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pgbouncer did not listen within " + timeout, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

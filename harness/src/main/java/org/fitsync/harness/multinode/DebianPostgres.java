package org.fitsync.harness.multinode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fitsync.harness.process.FitSyncJar;

/**
 * PostgreSQL from Debian's packages ({@code /usr/lib/postgresql/<version>/bin}) as a server of its own, as
 * production runs it: its own cluster in a temporary directory, a free port on 127.0.0.1, durable commits,
 * stopped and started with {@code pg_ctl}. initdb refuses root, so as root every command runs as the
 * {@code postgres} OS user the package creates ({@code runuser -u postgres}). The cluster's superuser
 * (trust on 127.0.0.1 only) creates the two roles FitSync connects with: the owner, who runs the migrations,
 * and the app role requests run as.
 */
final class DebianPostgres implements AutoCloseable {

    static final String DATABASE = "fitsync";
    static final String OWNER = "fitsync_owner";
    static final String APP = "fitsync_app";
    private static final String SUPERUSER = "fitsync_admin";
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final String ownerPassword;
    private final String appPassword;
    private final boolean asRoot;

    private DebianPostgres(Path bin, Path workDir, String ownerPassword, String appPassword) {
        this.bin = bin;
        this.dataDir = workDir.resolve("pgdata");
        this.log = workDir.resolve("postgres.log");
        this.port = FitSyncJar.freePort();
        this.ownerPassword = ownerPassword;
        this.appPassword = appPassword;
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed server's binaries, or the directory named by {@code multinode.pgBin}. */
    static Path binaries() {
        String chosen = System.getProperty("multinode.pgBin", "").trim();
        if (!chosen.isEmpty()) {
            return Path.of(chosen);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException(
                            "no PostgreSQL server under /usr/lib/postgresql: apt-get install postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no PostgreSQL server under /usr/lib/postgresql: apt-get install postgresql", e);
        }
    }

    /** initdb, start, and the database with its two roles. */
    static DebianPostgres create(Path workDir, String ownerPassword, String appPassword)
            throws IOException, InterruptedException {
        DebianPostgres pg = new DebianPostgres(binaries(), workDir, ownerPassword, appPassword);
        pg.initialise();
        pg.start();
        pg.createDatabase();
        return pg;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Path log() {
        return log;
    }

    String ownerPassword() {
        return ownerPassword;
    }

    String appPassword() {
        return appPassword;
    }

    private void initialise() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Files.createFile(log);
        if (asRoot) {
            // The postgres user must reach the cluster through the harness's own work directory (created 0700);
            // only that directory is opened up, never the system's temporary directory above it.
            Files.setPosixFilePermissions(dataDir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("chown", OS_USER + ":", dataDir.toString(), log.toString()), false);
        }
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        dataDir.toString(),
                        "-U",
                        SUPERUSER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C.UTF-8"),
                true);
        // Durable commits as in production; a socket directory of its own; TCP on loopback only.
        Files.writeString(
                dataDir.resolve("postgresql.auto.conf"),
                String.join(
                        "\n",
                        "port = " + port,
                        "listen_addresses = '127.0.0.1'",
                        "unix_socket_directories = '" + dataDir + "'",
                        "max_connections = 100",
                        "fsync = on",
                        "synchronous_commit = on",
                        "shared_buffers = 64MB",
                        ""),
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** {@code pg_ctl start}, waiting until it accepts connections. */
    void start() throws IOException, InterruptedException {
        run(List.of(pgCtl(), "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "120", "start"), true);
    }

    /** {@code pg_ctl stop -m fast}: ends every session (their transactions roll back), as a restart does. */
    void stop() throws IOException, InterruptedException {
        run(List.of(pgCtl(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "120", "stop"), true);
    }

    private String pgCtl() {
        return bin.resolve("pg_ctl").toString();
    }

    private void createDatabase() {
        try (Connection c = superuser("postgres");
                Statement s = c.createStatement()) {
            // Passwords are generated by the harness (URL-safe Base64), never user input.
            s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + ownerPassword + "'");
            s.execute("CREATE ROLE " + APP + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + appPassword + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database and its roles", e);
        }
    }

    /** A superuser connection (it sees past row-level security), for the harness's own look-ups. */
    Connection superuser() throws SQLException {
        return superuser(DATABASE);
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    /** Who holds an import's lease now, if anyone. */
    Optional<String> leaseOwner(String importId) throws SQLException {
        try (Connection c = superuser();
                var q = c.prepareStatement("SELECT lease_owner FROM import_jobs WHERE id = ?::uuid")) {
            q.setString(1, importId);
            try (var rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser && asRoot) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out + "\n" + logTail());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no PostgreSQL log)";
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                run(List.of(pgCtl(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"), true);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL did not stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

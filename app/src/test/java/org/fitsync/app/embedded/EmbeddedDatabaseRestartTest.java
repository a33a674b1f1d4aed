package org.fitsync.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fitsync serve} comes up again on a data directory whose previous process was SIGKILLed: with
 * its embedded PostgreSQL still running, with that PostgreSQL killed too (a machine crash), and with a
 * stale pid file naming an unrelated process, and after a first start killed during initialisation;
 * and a second process on the same directory is refused.
 */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatWasStarted() throws Exception {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
        postmaster().ifPresent(this::killWithChildren);
    }

    @Test
    void startsAgainWhenTheKilledProcessLeftItsPostgresRunning() throws Exception {
        Process holder = holder("before the kill");
        ProcessHandle leftover = postmaster().orElseThrow();
        holder.destroyForcibly().waitFor();
        assertThat(leftover.isAlive()).as("PostgreSQL outlives the killed JVM").isTrue();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 1)) {
            assertThat(leftover.isAlive()).isFalse();
            assertThat(markers(db)).containsExactly("before the kill");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void startsAgainAfterAMachineCrashKilledPostgresToo() throws Exception {
        Process holder = holder("before the crash");
        ProcessHandle postmaster = postmaster().orElseThrow();
        holder.destroyForcibly().waitFor();
        killWithChildren(postmaster);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).exists();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 1)) {
            assertThat(markers(db)).containsExactly("before the crash");
        }
    }

    @Test
    void aPostgresKilledWhileTheNodeRunsIsStartedAgainOnItsPortWithEverythingCommitted() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 1)) {
            execute(db, "CREATE TABLE crash_probe (marker text)", "INSERT INTO crash_probe VALUES ('committed')");
            ProcessHandle first = postmaster().orElseThrow();

            killWithChildren(first);

            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() ->
                            postmaster().filter(p -> p.pid() != first.pid()).isPresent()
                                    && query(db, "SELECT marker FROM crash_probe")
                                            .equals(List.of("committed")));
            execute(db, "INSERT INTO crash_probe VALUES ('after')");
            assertThat(query(db, "SELECT marker FROM crash_probe ORDER BY marker"))
                    .containsExactly("after", "committed");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("stopped cleanly at the end")
                .doesNotExist();
    }

    @Test
    void aStalePidFileNamingAnotherProcessDoesNotBlockTheStart() throws Exception {
        Process holder = holder("first");
        ProcessHandle postmaster = postmaster().orElseThrow();
        holder.destroyForcibly().waitFor();
        killWithChildren(postmaster);
        // The dead postmaster's pid now belongs to something else, as after a reboot.
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        started.add(unrelated);
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        List<String> lines = new ArrayList<>(Files.readAllLines(pidFile));
        lines.set(0, Long.toString(unrelated.pid()));
        Files.write(pidFile, lines);

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 1)) {
            assertThat(markers(db)).containsExactly("first");
        }
        assertThat(unrelated.isAlive())
                .as("an unrelated process is never signalled")
                .isTrue();
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsRunning() throws Exception {
        holder("running");
        ProcessHandle postmaster = postmaster().orElseThrow();

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, 1))
                .hasMessageContaining("another FitSync process is using the data directory");
        assertThat(postmaster.isAlive()).isTrue();
    }

    @Test
    void aFirstStartKilledBeforeItFinishedDoesNotBreakTheNextStart() throws Exception {
        Process holder = launchHolder("never stored");
        Path staging = dataDir.resolve("postgres.initialising");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(staging.resolve("PG_VERSION")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        holder.destroyForcibly().waitFor();
        assertThat(dataDir.resolve("postgres/postgresql.conf"))
                .as("killed during initialisation")
                .doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 1);
                Connection c = DriverManager.getConnection(
                        db.settings().jdbcUrl(),
                        db.settings().ownerUser(),
                        db.settings().ownerPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(staging).doesNotExist();
    }

    /** Starts {@link EmbeddedDatabaseHolder} in its own JVM and waits until its database holds the marker. */
    private Process holder(String marker) throws IOException, InterruptedException {
        Process process = launchHolder(marker);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("READY")) {
                return process;
            }
            seen.add(line);
        }
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("holder did not start: " + String.join("\n", seen));
    }

    private Process launchHolder(String marker) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedDatabaseHolder.class.getName(),
                        dataDir.toString(),
                        marker)
                .redirectErrorStream(true)
                .start();
        started.add(process);
        return process;
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(p -> LeftoverPostmaster.isPostmasterOf(p, dataDir.resolve("postgres")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void killWithChildren(ProcessHandle postmaster) {
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
    }

    /** Statements on the database at the URL the node was given (the same port after a restart). */
    private static void execute(EmbeddedDatabase db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        db.settings().jdbcUrl(),
                        db.settings().ownerUser(),
                        db.settings().ownerPassword());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> query(EmbeddedDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        db.settings().jdbcUrl(),
                        db.settings().ownerUser(),
                        db.settings().ownerPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<String> markers(EmbeddedDatabase db) throws SQLException {
        List<String> markers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        db.settings().jdbcUrl(),
                        db.settings().ownerUser(),
                        db.settings().ownerPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT marker FROM restart_probe")) {
            while (rs.next()) {
                markers.add(rs.getString(1));
            }
        }
        return markers;
    }
}

package org.fitsync.client.jvm.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.local.LocalStore;
import org.fitsync.domain.sync.RecordId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that returned survives the process being killed: a child JVM commits numbered records and
 * prints each number after its commit returned; it is killed with SIGKILL mid-stream, several times over
 * the same store, and every printed number must be in the store afterwards. (A power cut is beyond a test;
 * synchronous=FULL is what covers it: each commit is fsynced in the write-ahead log before it returns.)
 */
class SqliteKillTest {

    private static final int ROUNDS = 3;
    private static final int PRINTED_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyWriteThatReturnedSurvivesAKill() throws Exception {
        List<Long> printed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            printed.addAll(runAndKill());

            try (LocalStore store = new SqliteStores(dir).open("killed")) {
                List<Long> missing = store.read(tx -> printed.stream()
                        .filter(n -> tx.find("body_measurements", new RecordId("n" + n))
                                .isEmpty())
                        .collect(java.util.stream.Collectors.toList()));
                assertThat(missing)
                        .as("printed but lost after kill %d", round + 1)
                        .isEmpty();
            }
        }
        assertThat(printed)
                .hasSizeGreaterThanOrEqualTo(ROUNDS * PRINTED_BEFORE_KILL)
                .doesNotHaveDuplicates();
    }

    /** Starts the child, kills it once it printed enough, and returns every number it printed. */
    private List<Long> runAndKill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SqliteKillChild.class.getName(),
                        dir.toString(),
                        "killed")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Long> printed = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (printed.size() < PRINTED_BEFORE_KILL && (line = out.readLine()) != null) {
                committed(line, printed);
            }
            assertThat(printed)
                    .as("the child printed before it ended on its own")
                    .hasSize(PRINTED_BEFORE_KILL);
            // SIGKILL through the handle: Process.destroyForcibly would also close the pipe still to be read.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // What it printed between the count being reached and the kill was committed too.
            while ((line = out.readLine()) != null) {
                committed(line, printed);
            }
        } finally {
            child.destroyForcibly();
        }
        return printed;
    }

    private static void committed(String line, List<Long> printed) {
        // Each line is one write(2) to the pipe, so the kill cannot cut one; other lines are libraries' logging.
        if (line.matches(SqliteKillChild.COMMITTED + "\\d+")) {
            printed.add(Long.parseLong(line.substring(SqliteKillChild.COMMITTED.length())));
        }
    }
}

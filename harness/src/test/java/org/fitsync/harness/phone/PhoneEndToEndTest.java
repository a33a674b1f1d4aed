package org.fitsync.harness.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.PhoneJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync client end to end, as an app team would run it: the packaged command-line phone (real SQLite,
 * real HTTP) against the packaged server jar on its embedded PostgreSQL.
 */
class PhoneEndToEndTest {

    private static final List<String> SMALL_HEAP = List.of("-Xmx64m");

    private static Path work;
    private static PhoneServer server;
    private static final PhoneJar PHONE = PhoneJar.fromProperty("phone.jar");

    @TempDir
    Path phoneData;

    @BeforeAll
    static void startServer() throws Exception {
        work = Files.createTempDirectory("fitsync-phone-e2e");
        server = new PhoneServer(FitSyncJar.fromProperty("fitsync.jar"), work, Map.of());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Map<String, String> env(String user) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_PHONE_DATA", phoneData.toString());
        env.put("FITSYNC_SERVER", server.baseUrl());
        env.put("FITSYNC_USER", user);
        env.put("FITSYNC_TOKEN", server.token(user));
        return env;
    }

    private static PhoneJar.Result phone(Map<String, String> env, String... args) {
        return PHONE.run(env, List.of(), args);
    }

    @Test
    void writesMadeOfflineAreSyncedExactlyOnceWhenTheServerComesBack() throws Exception {
        Map<String, String> alice = env("offline-alice");
        Path gpx = Files.writeString(phoneData.resolve("run.gpx"), Gpx.minutes(20));
        server.kill();
        try {
            assertThat(phone(alice, "put", "workouts", "w1", "name=Legs").exit())
                    .isZero();
            assertThat(phone(alice, "put", "workouts", "w2", "name=Push").exit())
                    .isZero();
            assertThat(phone(alice, "put", "workouts", "w1", "notes=heavy").exit())
                    .isZero();
            PhoneJar.Result run = phone(alice, "record-run", gpx.toString());
            assertThat(run.exit()).isZero();
            String runId = run.out().get(0);

            PhoneJar.Result offline = phone(alice, "sync");
            assertThat(offline.exit()).isEqualTo(3);
            assertThat(offline.outText())
                    .startsWith("offline pending=3 failed=0")
                    .contains("unreachable");
            assertThat(phone(alice, "get", "workouts", "w1").outText()).contains("\"notes\":\"heavy\"");

            // A running app: the connectivity probe notices the server and syncs.
            PhoneJar.Running app = PHONE.start(alice, List.of(), "watch");
            try {
                awaitLine(app, "offline pending=3", 60_000);
                server.start();
                awaitLine(app, "idle pending=0 failed=0", 120_000);
            } finally {
                app.kill();
            }

            ServerView view = new ServerView(server.baseUrl(), alice.get("FITSYNC_TOKEN"));
            Map<String, JsonNode> workouts = view.records("workouts");
            assertThat(workouts).containsOnlyKeys("w1", "w2");
            assertThat(workouts.get("w1").get("notes").asText()).isEqualTo("heavy");
            assertThat(view.records("runs")).containsOnlyKeys(runId);
            assertThat(phone(alice, "status").outText()).startsWith("idle pending=0 failed=0");
        } finally {
            if (!server.isUp()) {
                server.start();
            }
        }
    }

    @Test
    void switchingUsersOnOnePhoneNeverShowsOneUsersRecordsToTheOther() throws Exception {
        Map<String, String> alice = env("switch-alice");
        Map<String, String> bob = env("switch-bob");
        phone(alice, "put", "workouts", "a1", "name=Alice's tempo");
        assertThat(phone(alice, "sync").exit()).isZero();

        assertThat(phone(bob, "list", "workouts").out()).isEmpty();
        phone(bob, "put", "workouts", "b1", "name=Bob's long run");
        assertThat(phone(bob, "sync").exit()).isZero();
        assertThat(phone(bob, "list", "workouts").outText()).contains("b1").doesNotContain("a1");

        assertThat(phone(alice, "sync").exit()).isZero();
        assertThat(phone(alice, "list", "workouts").outText()).contains("a1").doesNotContain("b1");
        assertThat(new ServerView(server.baseUrl(), bob.get("FITSYNC_TOKEN")).records("workouts"))
                .containsOnlyKeys("b1");
    }

    @Test
    void aFirstSyncOfOneHundredThousandRecordsFitsIn64Megabytes() throws Exception {
        Map<String, String> heavy = env("heavy-first-sync");
        new ServerView(server.baseUrl(), heavy.get("FITSYNC_TOKEN")).seedWorkouts("s-", 100_000);

        PhoneJar.Result sync = PHONE.run(heavy, SMALL_HEAP, "sync", "--timing");

        assertThat(sync.exit()).as(sync.outText() + sync.err()).isZero();
        assertThat(PHONE.run(heavy, SMALL_HEAP, "list", "workouts").out()).hasSize(100_000);
    }

    @Test
    void tenThousandLocalChangesArePushedAt64Megabytes() throws Exception {
        Map<String, String> writer = env("heavy-push");
        assertThat(PHONE.run(writer, SMALL_HEAP, "generate", "--count", "10000", "--batch", "1000")
                        .exit())
                .isZero();
        assertThat(phone(writer, "status").outText()).startsWith("idle pending=10000");

        PhoneJar.Result sync = PHONE.run(writer, SMALL_HEAP, "sync", "--timing");

        assertThat(sync.exit()).as(sync.outText() + sync.err()).isZero();
        assertThat(new ServerView(server.baseUrl(), writer.get("FITSYNC_TOKEN")).records("workouts"))
                .hasSize(10_000);
    }

    private static void awaitLine(PhoneJar.Running app, String prefix, long timeoutMs) throws InterruptedException {
        if (!app.awaitLine(prefix, timeoutMs)) {
            throw new AssertionError("no status line starting with '" + prefix + "' in " + app.lines());
        }
    }
}

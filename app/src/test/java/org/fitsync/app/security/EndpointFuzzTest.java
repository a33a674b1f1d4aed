package org.fitsync.app.security;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of every endpoint that takes a body, in-process against the real
 * server and database, checking {@link HostileRequestProperties} for each input.
 *
 * <p>In a normal build these run as regression tests over the seed corpus in
 * {@code EndpointFuzzTestInputs/<method>/}. With {@code JAZZER_FUZZ=1} (profile {@code fuzz},
 * {@code scripts/fuzz.sh}) one target is fuzzed per JVM for {@value #CI_DURATION}.
 */
class EndpointFuzzTest {

    // Eleven targets at 20 s keep the CI fuzzing run near five minutes with JVM and database start-up.
    static final String CI_DURATION = "20s";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

    private static SecurityFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SecurityFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void fuzz(String endpoint, byte[] body) {
        // The target talks HTTP to the in-process server, the server to its local database; any
        // other connection (a fuzzed URL reaching out) is still reported by Jazzer's SSRF detector.
        // Set per input, not in @BeforeAll: Jazzer loads its detectors, and resets them, per fuzz run.
        BugDetectors.allowNetworkConnections((host, port) -> LOCAL_HOSTS.contains(host));
        HostileRequestProperties.check(fixture, BodyEndpoints.named(endpoint).orElseThrow(), body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void ingestSteps(byte[] body) {
        fuzz("ingest-steps", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void ingestSleep(byte[] body) {
        fuzz("ingest-sleep", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void entryPut(byte[] body) {
        fuzz("entry-put", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void coachLink(byte[] body) {
        fuzz("coach-link", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void coachEntryPut(byte[] body) {
        fuzz("coach-entry-put", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void runPost(byte[] body) {
        fuzz("run-post", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void runPatch(byte[] body) {
        fuzz("run-patch", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void syncPush(byte[] body) {
        fuzz("sync-push", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void importStart(byte[] body) {
        fuzz("import-start", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void stravaWebhook(byte[] body) {
        fuzz("strava-webhook", body);
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void signInLink(byte[] body) {
        fuzz("sign-in-link", body);
    }
}

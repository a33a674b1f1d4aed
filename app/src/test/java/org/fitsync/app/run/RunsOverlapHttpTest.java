package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.app.run.RunBodies.run;
import static org.fitsync.app.run.RunBodies.with;
import static org.fitsync.app.run.RunBodies.without;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Overlap flags, same-activity supersede by source priority, and their behaviour under concurrency. */
class RunsOverlapHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void laterOverlappingRunIsFlaggedInEitherArrivalOrder() {
        String token = server.token("overlap-forward");
        UUID first = id(server.post("/api/v1/runs", token, run(0, 60, "phone")));
        TestServer.Response second = server.post("/api/v1/runs", token, run(30, 60, "phone"));
        assertThat(second.json().path("overlapping").asBoolean()).isTrue();
        assertThat(overlaps(second.json())).containsExactly(first.toString());
        JsonNode firstNow = server.get("/api/v1/runs/" + first, token).json();
        assertThat(firstNow.path("overlapping").asBoolean()).isFalse();
        assertThat(overlaps(firstNow)).containsExactly(id(second).toString());

        String reverse = server.token("overlap-reverse");
        UUID late = id(server.post("/api/v1/runs", reverse, run(30, 60, "phone")));
        TestServer.Response early = server.post("/api/v1/runs", reverse, run(0, 60, "phone"));
        assertThat(early.json().path("overlapping").asBoolean()).isTrue();
        assertThat(overlaps(early.json())).containsExactly(late.toString());
        assertThat(server.get("/api/v1/runs/" + late, reverse)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void backToBackRunsDoNotOverlap() {
        String token = server.token("overlap-back-to-back");
        server.post("/api/v1/runs", token, run(0, 60, "phone"));
        TestServer.Response next = server.post("/api/v1/runs", token, run(60, 60, "phone"));
        assertThat(next.json().path("overlapping").asBoolean()).isFalse();
        assertThat(next.json().path("overlaps")).isEmpty();
        assertThat(server.get("/api/v1/runs", token).json().path("items"))
                .hasSize(2)
                .allMatch(run -> !run.path("overlapping").asBoolean()
                        && run.path("overlaps").isEmpty());
    }

    @Test
    void sameActivityFromABetterSourceSupersedesAndKeepsTheUsersNotes() {
        String token = server.token("overlap-supersede");
        Map<String, Object> phone = with(run(0, 60, "phone"), "notes", "felt strong");
        UUID phoneId = id(server.post("/api/v1/runs", token, phone));
        // Garmin recorded the same run, starting a minute later: 59 of 60 minutes shared.
        TestServer.Response garmin = server.post("/api/v1/runs", token, without(run(1, 59, "garmin"), "notes"));

        assertThat(garmin.status()).isEqualTo(201);
        assertThat(garmin.json().path("overlapping").asBoolean()).isFalse();
        assertThat(garmin.json().path("notes").asText()).isEqualTo("felt strong");
        assertThat(overlaps(garmin.json())).containsExactly(phoneId.toString());
        JsonNode phoneNow = server.get("/api/v1/runs/" + phoneId, token).json();
        assertThat(phoneNow.path("overlapping").asBoolean()).isTrue();
        assertThat(phoneNow.path("notes").asText()).isEqualTo("felt strong");

        JsonNode list = server.get("/api/v1/runs", token).json().path("items");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(id(garmin).toString());

        // Deleting the canonical run leaves the phone recording standing alone again.
        assertThat(server.delete("/api/v1/runs/" + id(garmin), token).status()).isEqualTo(204);
        JsonNode alone = server.get("/api/v1/runs/" + phoneId, token).json();
        assertThat(alone.path("overlapping").asBoolean()).isFalse();
        assertThat(alone.path("overlaps")).isEmpty();
    }

    @Test
    void sameActivityFromAWorseSourceIsFlaggedAndGivesItsNotesToTheCanonicalRun() {
        String token = server.token("overlap-worse");
        UUID garmin = id(server.post("/api/v1/runs", token, without(run(0, 60, "garmin"), "notes")));
        TestServer.Response manual =
                server.post("/api/v1/runs", token, with(run(0, 55, "manual"), "notes", "race day"));
        assertThat(manual.json().path("overlapping").asBoolean()).isTrue();
        JsonNode canonical = server.get("/api/v1/runs/" + garmin, token).json();
        assertThat(canonical.path("overlapping").asBoolean()).isFalse();
        assertThat(canonical.path("notes").asText()).isEqualTo("race day");
    }

    @Test
    void aDifferentActivityDoesNotSupersedeWhateverItsSource() {
        String token = server.token("overlap-different");
        UUID phone = id(server.post("/api/v1/runs", token, run(0, 60, "phone")));
        // 30 of 60 minutes shared: not the same activity, so the later arrival is flagged.
        TestServer.Response garmin = server.post("/api/v1/runs", token, run(30, 60, "garmin"));
        assertThat(garmin.json().path("overlapping").asBoolean()).isTrue();
        assertThat(server.get("/api/v1/runs/" + phone, token)
                        .json()
                        .path("overlapping")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void sourcePriorityIsConfigurable() {
        try (TestServer phoneFirst =
                TestServer.start(Map.of("FITSYNC_SOURCE_PRIORITY", "phone,garmin,strava,healthkit,manual"))) {
            String token = phoneFirst.token("overlap-config");
            UUID phone = id(phoneFirst.post("/api/v1/runs", token, run(0, 60, "phone")));
            TestServer.Response garmin = phoneFirst.post("/api/v1/runs", token, run(0, 60, "garmin"));
            assertThat(garmin.json().path("overlapping").asBoolean()).isTrue();
            assertThat(phoneFirst
                            .get("/api/v1/runs/" + phone, token)
                            .json()
                            .path("overlapping")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void concurrentOverlappingSubmissionsAlwaysSeeEachOther() throws Exception {
        // Many users at once, each sending two overlapping runs (not the same activity) at the same instant:
        // without the per-user lock both could miss each other and neither would be flagged.
        int users = 12;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestServer.Response>> responses = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String token = server.token("overlap-race-" + u);
                for (int start : new int[] {0, 30}) {
                    Map<String, Object> body = run(start, 60, "phone");
                    responses.add(pool.submit(awaiting(go, () -> server.post("/api/v1/runs", token, body))));
                }
            }
            go.countDown();
            for (int u = 0; u < users; u++) {
                JsonNode a = responses.get(2 * u).get().json();
                JsonNode b = responses.get(2 * u + 1).get().json();
                String token = server.token("overlap-race-" + u);
                JsonNode aNow = server.get("/api/v1/runs/" + a.path("id").asText(), token)
                        .json();
                JsonNode bNow = server.get("/api/v1/runs/" + b.path("id").asText(), token)
                        .json();
                assertThat(aNow.path("overlapping").asBoolean()
                                ^ bNow.path("overlapping").asBoolean())
                        .as("exactly one of the pair is flagged")
                        .isTrue();
                assertThat(overlaps(aNow)).containsExactly(bNow.path("id").asText());
                assertThat(overlaps(bNow)).containsExactly(aNow.path("id").asText());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRecordingsOfOneActivityLeaveExactlyOneCanonicalRun() throws Exception {
        String token = server.token("overlap-pile");
        int runs = 16;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestServer.Response>> responses = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Map<String, Object> body = run(0, 60, i == 7 ? "garmin" : "phone");
                responses.add(pool.submit(awaiting(go, () -> server.post("/api/v1/runs", token, body))));
            }
            go.countDown();
            for (Future<TestServer.Response> response : responses) {
                assertThat(response.get().status()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode all = server.get("/api/v1/runs?include_overlapping=true&limit=200", token)
                .json()
                .path("items");
        assertThat(all).hasSize(runs);
        List<JsonNode> canonical = new ArrayList<>();
        all.forEach(run -> {
            assertThat(run.path("overlaps")).hasSize(runs - 1);
            if (!run.path("overlapping").asBoolean()) {
                canonical.add(run);
            }
        });
        assertThat(canonical).hasSize(1);
        assertThat(canonical.get(0).path("source").asText()).isEqualTo("garmin");
        assertThat(server.get("/api/v1/runs", token).json().path("items")).hasSize(1);
    }

    static <T> Callable<T> awaiting(CountDownLatch go, Callable<T> work) {
        return () -> {
            go.await();
            return work.call();
        };
    }

    private static UUID id(TestServer.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return UUID.fromString(response.json().path("id").asText());
    }

    private static List<String> overlaps(JsonNode run) {
        List<String> ids = new ArrayList<>();
        run.path("overlaps").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}

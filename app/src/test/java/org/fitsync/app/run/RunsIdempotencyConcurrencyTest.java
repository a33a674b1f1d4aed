package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.app.run.RunBodies.run;
import static org.fitsync.app.run.RunBodies.storedRuns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retries racing each other: exactly one stored run, and every client gets the same body. */
class RunsIdempotencyConcurrencyTest {

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
    void fiftyConcurrentPostsOfOneRunStoreItOnceWithIdenticalBodies() throws Exception {
        String token = server.token("race-alice");
        Map<String, Object> body = run(UUID.randomUUID(), 0, 45, "phone");
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<TestServer.Response> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestServer.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(
                        pool.submit(RunsOverlapHttpTest.awaiting(go, () -> server.post("/api/v1/runs", token, body))));
            }
            go.countDown();
            for (Future<TestServer.Response> future : futures) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).extracting(TestServer.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        Set<String> bodies = new HashSet<>();
        responses.forEach(r -> bodies.add(r.body()));
        assertThat(bodies).hasSize(1);
        assertThat(storedRuns(server.ownerDataSource(), "race-alice")).isEqualTo(1);
    }
}

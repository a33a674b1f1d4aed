package org.fitsync.app.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * When the node cannot take a request it says so at once: {@code 503} problem+json of type
 * {@code overloaded} with {@code Retry-After}, never a {@code 500} and never after a long stall; and
 * one class of requests filling up leaves the others alone.
 */
class OverloadHttpTest {

    private static final String OVERLOADED = "https://fitsync.dev/problems/overloaded";

    @Test
    void pullsBeyondTheirLimitAre503WithRetryAfterQuicklyWhileWritesGoOn() throws Exception {
        try (TestServer server = TestServer.start(Map.of(
                "FITSYNC_ADMISSION_PULLS", "1",
                "FITSYNC_ADMISSION_WAIT", "250ms",
                "FITSYNC_ADMISSION_RETRY_AFTER", "2s"))) {
            LargeDataSets.seed(server.ownerDataSource(), List.of("big-history"), 20_000);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (SlowPullReader phone = new SlowPullReader(
                    server.uri("/").getPort(), server.token("big-history"), 1024, Duration.ofMillis(100))) {
                assertThat(phone.start(Duration.ofSeconds(30))).isEqualTo(200); // holds the only pull place

                List<Future<Timed>> pulls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String token = server.token("waiting-" + i);
                    pulls.add(pool.submit(() -> Timed.of(() -> server.get("/api/v1/sync?last_pulled_at=0", token))));
                }
                for (Future<Timed> pull : pulls) {
                    Timed refused = pull.get(30, TimeUnit.SECONDS);
                    assertOverloaded(refused.response(), "2");
                    assertThat(refused.took()).isLessThan(Duration.ofSeconds(2));
                }
                TestServer.Response push =
                        server.post("/api/v1/sync", server.token("writer"), Map.of("changes", Map.of()));
                assertThat(push.status()).as("writes have their own places").isEqualTo(200);
                assertThat(Scrape.sum(
                                server, "fitsync_requests_rejected_total", "class=\"pull\"", "cause=\"admission\""))
                        .isEqualTo(8.0);
            } finally {
                pool.shutdownNow();
            }
            // The phone dropped its connection: its place is free again.
            String token = server.token("waiting-0");
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            server.get("/api/v1/sync?last_pulled_at=0", token).status() == 200);
        }
    }

    @Test
    void aPoolTimeoutIs503WithRetryAfterNotA500() throws Exception {
        try (TestServer server = TestServer.start(Map.of(
                "FITSYNC_DATABASE_POOL_SIZE", "1",
                "FITSYNC_DATABASE_CONNECTION_TIMEOUT", "500ms",
                "FITSYNC_ADMISSION_RETRY_AFTER", "3s"))) {
            String holder = server.token("holder");
            assertThat(server.post("/api/v1/sync", holder, Map.of("changes", Map.of()))
                            .status())
                    .isEqualTo(200);
            String other = server.token("other");
            DataSource owner = server.ownerDataSource();
            CompletableFuture<TestServer.Response> held;
            try (Connection lock = owner.getConnection()) {
                lock.setAutoCommit(false);
                try (PreparedStatement rowLock =
                        lock.prepareStatement("SELECT 1 FROM sync_state WHERE user_id = 'holder' FOR UPDATE")) {
                    rowLock.executeQuery().close();
                }
                // The holder's push claims its version and waits on the lock, holding the only connection.
                held = CompletableFuture.supplyAsync(
                        () -> server.post("/api/v1/sync", holder, Map.of("changes", Map.of())));
                await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnALock(owner));

                for (Timed refused : List.of(
                        Timed.of(() -> server.get("/api/v1/sync?last_pulled_at=0", other)),
                        Timed.of(() -> server.post("/api/v1/sync", other, Map.of("changes", Map.of()))),
                        Timed.of(() -> server.post(
                                "/api/v1/ingest/steps",
                                other,
                                Map.of(
                                        "source",
                                        "healthkit",
                                        "items",
                                        List.of(Map.of("date", "2026-11-20", "steps", 10))))),
                        Timed.of(() -> server.get("/api/v1/runs", other)))) {
                    assertOverloaded(refused.response(), "3");
                    assertThat(refused.took()).isLessThan(Duration.ofSeconds(3));
                }
                lock.commit();
            }
            assertThat(held.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(server.get("/api/v1/sync?last_pulled_at=0", other).status())
                    .isEqualTo(200);
            assertThat(Scrape.sum(server, "fitsync_requests_rejected_total", "cause=\"database_pool\""))
                    .isEqualTo(4.0);
        }
    }

    private static boolean waitingOnALock(DataSource owner) throws SQLException {
        try (Connection c = owner.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_stat_activity"
                                + " WHERE application_name = 'fitsync' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void assertOverloaded(TestServer.Response response, String retryAfter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isEqualTo(OVERLOADED);
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Connection is not available");
    }

    /** A response and how long it took to arrive. */
    private record Timed(TestServer.Response response, Duration took) {
        static Timed of(java.util.function.Supplier<TestServer.Response> request) {
            long started = System.nanoTime();
            TestServer.Response response = request.get();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

package org.fitsync.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A node behind a load balancer is restarted without failing a request: asked to stop, it first answers
 * {@code /health/ready} with {@code 503} for {@code FITSYNC_SHUTDOWN_GRACE} while it still serves every
 * request, so the balancer's health check takes it out of rotation; only then does it stop accepting.
 */
class ShutdownGraceTest {

    @Test
    void aStoppingNodeIsNotReadyButServesRequestsForTheGraceThenStops() throws Exception {
        // Long enough that the checks below, on a busy machine, all happen inside it.
        TestServer server = TestServer.start(Map.of("FITSYNC_SHUTDOWN_GRACE", "10s"));
        String token = server.token("grace-user");
        assertThat(server.get("/health/ready", null).status()).isEqualTo(200);
        HttpRequest live = server.request("/health/live", null).GET().build();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> server.get("/health/ready", null).status() == 503);
        assertThat(server.get("/health/ready", null).json().path("detail").asText())
                .isEqualTo("stopping");
        TestServer.Response push = server.post("/api/v1/sync", token, push("w1"));
        assertThat(push.status()).as(push.toString()).isEqualTo(200);
        assertThat(server.get("/api/v1/sync?last_pulled_at=null", token).status())
                .isEqualTo(200);
        assertThat(server.get("/health/live", null).status()).isEqualTo(200);
        assertThat(stopped).as("still in its grace while serving").isNotDone();

        stopped.get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> server.send(live)).isInstanceOf(UncheckedIOException.class);
    }

    private static Map<String, Object> push(String workoutId) {
        Map<String, Object> workout = Map.of("id", workoutId, "name", "Leg day", "updated_at", 1_795_158_000_000L);
        return Map.of(
                "changes",
                Map.of("workouts", Map.of("created", List.of(workout), "updated", List.of(), "deleted", List.of())),
                "last_pulled_at",
                0);
    }
}

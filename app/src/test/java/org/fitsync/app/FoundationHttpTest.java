package org.fitsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running application end to end: health, auth, problem+json, request ids and metrics. */
class FoundationHttpTest {

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
    void readyWhenDatabaseIsUpAndMigrated() {
        TestServer.Response ready = server.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("migrations").asText()).isEqualTo("APPLIED");
        assertThat(server.get("/health/live", null).status()).isEqualTo(200);
    }

    @Test
    void apiWithoutTokenIsUnauthorizedProblemWithRequestId() {
        TestServer.Response response = server.get("/api/v1/runs", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void validTokenPassesAuthentication() {
        TestServer.Response response = server.get("/api/v1/runs", server.token("alice"));
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsProblem404() {
        TestServer.Response response = server.get("/no/such/thing", null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void wrongMethodIsProblem405() {
        TestServer.Response response = server.delete("/health/live", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void saneRequestIdIsEchoedAndInsaneOneReplaced() {
        var echoed = server.send(server.request("/health/live", null)
                .header("X-Request-Id", "abc-123")
                .GET()
                .build());
        assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123");
        var replaced = server.send(server.request("/health/live", null)
                .header("X-Request-Id", "x".repeat(500))
                .GET()
                .build());
        assertThat(replaced.header("X-Request-Id")).isNotBlank().hasSizeLessThan(100);
    }

    @Test
    void metricsShowRequestsByRouteAndStatus() {
        server.get("/health/live", null);
        String metrics = server.get("/metrics", null).body();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health/live\",status=\"200\"}");
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).contains("hikaricp_connections");
    }

    @Test
    void openApiDocumentIsServed() {
        TestServer.Response response = server.get("/openapi.json", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("openapi").asText()).startsWith("3.");
        assertThat(response.json().path("paths").has("/health/ready")).isTrue();
    }
}

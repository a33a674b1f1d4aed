package org.fitsync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.http.admission.AdmissionSettings;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.adapter.http.ratelimit.WriteRateLimit;
import org.fitsync.ports.out.ReadinessPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission control in the HTTP foundation: a full class and a pool timeout are 503 with Retry-After. */
class AdmissionHttpTest {

    private static final String SECRET = "admission-http-test-secret-0123456789abcdef";
    private static final Duration WAIT = Duration.ofMillis(200);

    private final ObjectMapper mapper = Json.newMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private PrometheusMeterRegistry metrics;
    private HttpServer server;

    /** Routes standing in for features: one that holds its place until told, one whose pool times out. */
    private final class Routes implements RouteModule {
        @Override
        public void register(RoutesConfig routes) {
            routes.get("/api/v1/public/hold", ctx -> {
                holding.countDown();
                assertThat(letGo.await(30, TimeUnit.SECONDS)).isTrue();
                ctx.json(Map.of("held", true));
            });
            routes.get("/api/v1/public/read", ctx -> ctx.json(Map.of("read", true)));
            routes.post("/api/v1/public/write", ctx -> ctx.json(Map.of("written", true)));
            routes.get("/api/v1/public/pool-timeout", ctx -> {
                // What Jdbi throws when HikariCP has no connection for it in time.
                throw new IllegalStateException(
                        "Unable to acquire JDBC Connection",
                        new SQLTransientConnectionException(
                                "fitsync - Connection is not available, request timed out after 250ms"));
            });
            // What Jdbi throws when PostgreSQL restarts under a request: its session was ended (57P01), or its
            // connection broke (class 08).
            routes.post("/api/v1/public/database-restarting", ctx -> {
                throw new IllegalStateException(
                        "Unable to execute statement",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
            });
            routes.get("/api/v1/public/database-gone", ctx -> {
                throw new IllegalStateException(
                        "Unable to execute statement", new SQLException("An I/O error occurred", "08006"));
            });
            routes.get("/api/v1/public/missing", ctx -> {
                throw ProblemException.notFound("nothing here");
            });
        }

        @Override
        public List<String> openApiFragments() {
            return List.of("/openapi/echo.json");
        }

        @Override
        public Set<String> publicPaths() {
            return Set.of(
                    "/api/v1/public/hold",
                    "/api/v1/public/read",
                    "/api/v1/public/write",
                    "/api/v1/public/pool-timeout",
                    "/api/v1/public/database-restarting",
                    "/api/v1/public/database-gone",
                    "/api/v1/public/missing");
        }
    }

    @BeforeEach
    void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AdmissionSettings oneEach = new AdmissionSettings(1, 1, 1, 1, 1, WAIT, Duration.ofSeconds(3));
        server = HttpServer.start(
                new HttpSettings(0, 1024, WriteRateLimit.off(), HttpSettings.DEFAULT_MAX_THREADS, oneEach),
                mapper,
                TokenVerifier.hmac(SECRET, Duration.ofSeconds(60)),
                metrics,
                () -> new ReadinessPort.Readiness(true, true, "ok"),
                List.of(new Routes()));
    }

    @AfterEach
    void stop() {
        letGo.countDown();
        server.close();
    }

    @Test
    void aFullClassIsRefusedWith503AndRetryAfterQuicklyWhileOtherClassesGoOn() throws Exception {
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(get("/api/v1/public/hold"), ofString());
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        HttpResponse<String> refused = client.send(get("/api/v1/public/read"), ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertOverloaded(refused, "3");
        assertThat(took).isGreaterThanOrEqualTo(WAIT).isLessThan(Duration.ofSeconds(2));
        assertThat(client.send(post("/api/v1/public/write"), ofString()).statusCode())
                .as("writes have their own places")
                .isEqualTo(200);
        assertThat(rejected("read", "admission")).isEqualTo(1.0);

        letGo.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(client.send(get("/api/v1/public/read"), ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPoolTimeoutIsOverloadNotAServerError() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertOverloaded(client.send(get("/api/v1/public/pool-timeout"), ofString()), "3");
        }
        assertThat(rejected("read", "database_pool")).isEqualTo(3.0);
        assertThat(rejected("read", "admission"))
                .as("each failed request gave its place back")
                .isZero();
    }

    @Test
    void aDatabaseGoneUnderARequestIs503WithRetryAfterNotAServerError() throws Exception {
        assertOverloaded(client.send(post("/api/v1/public/database-restarting"), ofString()), "3");
        assertOverloaded(client.send(get("/api/v1/public/database-gone"), ofString()), "3");
        assertThat(rejected("write", "database_unavailable")).isEqualTo(1.0);
        assertThat(rejected("read", "database_unavailable")).isEqualTo(1.0);
    }

    @Test
    void placesComeBackWhenAHandlerFails() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(get("/api/v1/public/missing"), ofString()).statusCode())
                    .isEqualTo(404);
        }
        assertThat(client.send(get("/api/v1/public/read"), ofString()).statusCode())
                .isEqualTo(200);
        assertThat(rejected("read", "admission")).isZero();
    }

    @Test
    void theApiDescriptionListsThe503OnEveryApiOperation() throws Exception {
        JsonNode doc =
                mapper.readTree(client.send(get("/openapi.json"), ofString()).body());
        assertThat(doc.at("/paths/~1api~1v1~1echo/post/responses/503/$ref").asText())
                .isEqualTo("#/components/responses/Overloaded");
        assertThat(doc.at("/components/responses/Overloaded/headers/Retry-After")
                        .isObject())
                .isTrue();
        assertThat(doc.at("/paths/~1health~1live/get/responses/503").isMissingNode())
                .isTrue();
    }

    private void assertOverloaded(HttpResponse<String> response, String retryAfter) throws Exception {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith(Problem.CONTENT_TYPE);
        assertThat(response.headers().firstValue("Retry-After")).contains(retryAfter);
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("https://fitsync.dev/problems/overloaded");
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("Connection is not available");
    }

    private double rejected(String requestClass, String cause) {
        return metrics.get("fitsync.requests.rejected")
                .tags("class", requestClass, "cause", cause)
                .counter()
                .count();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }
}

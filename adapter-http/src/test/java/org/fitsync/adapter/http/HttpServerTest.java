package org.fitsync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fitsync.adapter.http.auth.Caller;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.adapter.http.ratelimit.WriteRateLimit;
import org.fitsync.ports.out.ReadinessPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP foundation in isolation: auth, problem+json, limits, request ids, metrics, OpenAPI. */
class HttpServerTest {

    private static final String SECRET = "http-server-test-secret-0123456789abcdefgh";
    private static final long MAX_BODY = 1024;

    private static HttpServer server;
    private static PrometheusMeterRegistry metrics;
    private static final HttpClient client = HttpClient.newHttpClient();
    private static final ObjectMapper mapper = Json.newMapper();
    private static final TokenIssuer issuer = new TokenIssuer(SECRET, Clock.systemUTC());

    record Echo(String name, int count) {}

    /** A module standing in for a feature: echoes bodies and reports the caller. */
    static final class EchoModule implements RouteModule {
        /** Opened when a request to the slow route has reached its handler. */
        static volatile CountDownLatch slowStarted = new CountDownLatch(1);

        private final JsonBody body = new JsonBody(mapper, MAX_BODY);

        @Override
        public void register(RoutesConfig routes) {
            routes.post("/api/v1/echo", ctx -> ctx.json(body.read(ctx, Echo.class)));
            routes.get("/api/v1/me", ctx -> {
                Caller caller = Authentication.caller(ctx);
                ctx.json(Map.of("user", caller.user().value(), "roles", caller.roles()));
            });
            routes.get(
                    "/api/v1/coach-only",
                    ctx -> ctx.json(Map.of(
                            "ok",
                            Authentication.callerWithRole(ctx, Caller.COACH)
                                    .user()
                                    .value())));
            routes.get("/api/v1/public/ping", ctx -> ctx.json(Map.of("pong", true)));
            routes.post("/api/v1/public/ignores-body", ctx -> ctx.status(201).json(Map.of("created", true)));
            routes.get("/api/v1/public/slow", ctx -> {
                slowStarted.countDown();
                Thread.sleep(1_500);
                ctx.json(Map.of("finished", true));
            });
            routes.get("/api/v1/boom", ctx -> {
                throw new IllegalStateException("secret internal detail SELECT * FROM users");
            });
        }

        @Override
        public List<String> openApiFragments() {
            return List.of("/openapi/echo.json");
        }

        @Override
        public Set<String> publicPaths() {
            return Set.of("/api/v1/public/ping", "/api/v1/public/slow", "/api/v1/public/ignores-body");
        }
    }

    @BeforeAll
    static void start() {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReadinessPort ready = () -> new ReadinessPort.Readiness(true, true, "ok");
        server = HttpServer.start(
                new HttpSettings(0, MAX_BODY),
                mapper,
                TokenVerifier.hmac(SECRET, Duration.ofSeconds(60)),
                metrics,
                ready,
                List.of(new EchoModule()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    }

    private static HttpResponse<String> getWithToken(String path, String token) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> postJson(String body) throws Exception {
        return send(request("/api/v1/echo")
                .header("Authorization", "Bearer " + token("alice"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String token(String subject) {
        return issuer.issue(subject, List.of(), Duration.ofMinutes(5));
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith(Problem.CONTENT_TYPE);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asText()).isNotBlank();
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validTokenIdentifiesTheCallerAndRoles() throws Exception {
        HttpResponse<String> response =
                getWithToken("/api/v1/me", issuer.issue("alice", List.of("coach"), Duration.ofMinutes(5)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("user").asText()).isEqualTo("alice");
        assertThat(body.path("roles").get(0).asText()).isEqualTo("coach");
    }

    @Test
    void missingTokenIs401() throws Exception {
        assertProblem(send(request("/api/v1/me").GET()), 401);
    }

    @Test
    void unsignedAlgNoneTokenIs401() throws Exception {
        String none = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("alice")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build())
                .serialize();
        assertProblem(getWithToken("/api/v1/me", none), 401);
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        String forged = new TokenIssuer("another-secret-that-is-long-enough-000000", Clock.systemUTC())
                .issue("alice", List.of(), Duration.ofMinutes(5));
        assertProblem(getWithToken("/api/v1/me", forged), 401);
    }

    @Test
    void expiredTokenIs401() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), java.time.ZoneOffset.UTC);
        String expired = new TokenIssuer(SECRET, past).issue("alice", List.of(), Duration.ofMinutes(5));
        assertProblem(getWithToken("/api/v1/me", expired), 401);
    }

    @Test
    void tokenWithoutSubOrExpIs401() throws Exception {
        assertProblem(
                getWithToken(
                        "/api/v1/me",
                        sign(new JWTClaimsSet.Builder()
                                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                                .build())),
                401);
        assertProblem(
                getWithToken(
                        "/api/v1/me",
                        sign(new JWTClaimsSet.Builder().subject("alice").build())),
                401);
    }

    @Test
    void overlongSubIs401() throws Exception {
        assertProblem(getWithToken("/api/v1/me", token("x".repeat(10_000))), 401);
    }

    @Test
    void tokenInQueryStringDoesNotAuthenticate() throws Exception {
        assertProblem(send(request("/api/v1/me?access_token=" + token("alice")).GET()), 401);
    }

    @Test
    void garbageTokenIs401() throws Exception {
        assertProblem(getWithToken("/api/v1/me", "not.a.jwt"), 401);
        assertProblem(getWithToken("/api/v1/me", "%%%"), 401);
    }

    @Test
    void missingRoleIs403() throws Exception {
        assertProblem(getWithToken("/api/v1/coach-only", token("alice")), 403);
        assertThat(getWithToken("/api/v1/coach-only", issuer.issue("bob", List.of("coach"), Duration.ofMinutes(5)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void publicApiPathNeedsNoToken() throws Exception {
        assertThat(send(request("/api/v1/public/ping").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void wellFormedBodyIsRead() throws Exception {
        HttpResponse<String> response = postJson("{\"name\":\"x\",\"count\":3}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.body()).path("count").asInt()).isEqualTo(3);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(postJson("{\"name\":"), 400);
        assertProblem(postJson(""), 400);
        assertProblem(postJson("[1,2]"), 400);
        assertProblem(postJson("{\"name\":\"a\",\"name\":\"b\"}"), 400);
        assertProblem(postJson("{\"count\": NaN}"), 400);
    }

    @Test
    void deepNestingIs400() throws Exception {
        String deep = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        HttpResponse<String> response = send(request("/api/v1/echo")
                .header("Authorization", "Bearer " + token("alice"))
                .POST(HttpRequest.BodyPublishers.ofString(deep)));
        // Over the body limit too; either way it is refused as bad input, never a 5xx.
        assertThat(response.statusCode()).isIn(400, 413);
        assertProblem(postJson("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400);
    }

    @Test
    void wrongTypeIs422NamingTheField() throws Exception {
        HttpResponse<String> response = postJson("{\"name\":\"x\",\"count\":\"many\"}");
        assertProblem(response, 422);
        assertThat(mapper.readTree(response.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("count");
    }

    @Test
    void oversizedBodyIs413WithOrWithoutContentLength() throws Exception {
        String big = "{\"name\":\"" + "x".repeat((int) MAX_BODY) + "\"}";
        assertProblem(postJson(big), 413);
        HttpResponse<String> chunked = send(request("/api/v1/echo")
                .header("Authorization", "Bearer " + token("alice"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413);
    }

    @Test
    void bugsBecome500ProblemsWithoutInternals() throws Exception {
        HttpResponse<String> response = getWithToken("/api/v1/boom", token("alice"));
        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("SELECT").doesNotContain("IllegalState");
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() throws Exception {
        assertProblem(send(request("/nope").GET()), 404);
        assertProblem(getWithToken("/api/v1/nope", token("alice")), 404);
        assertProblem(send(request("/health/live").DELETE()), 405);
    }

    @Test
    void errorsJettyAnswersItselfAreProblemsToo() throws Exception {
        try (var socket = new java.net.Socket("localhost", server.port())) {
            socket.getOutputStream()
                    .write(("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Huge: " + "h".repeat(100_000) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
            assertThat(raw)
                    .startsWith("HTTP/1.1 431")
                    .contains(Problem.CONTENT_TYPE)
                    .contains("\"status\":431");
        }
    }

    @Test
    void stoppingLetsInFlightRequestsFinish() throws Exception {
        HttpServer own = HttpServer.start(
                new HttpSettings(0, MAX_BODY),
                mapper,
                TokenVerifier.hmac(SECRET, Duration.ofSeconds(60)),
                metrics,
                () -> new ReadinessPort.Readiness(true, true, "ok"),
                List.of(new EchoModule()));
        EchoModule.slowStarted = new CountDownLatch(1);
        var inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + own.port() + "/api/v1/public/slow"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(EchoModule.slowStarted.await(10, TimeUnit.SECONDS))
                .as("the request reached its handler")
                .isTrue();
        own.close();
        HttpResponse<String> response = inFlight.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("finished");
    }

    @Test
    void requestsBeyondTheThreadLimitWaitInJettysQueueAndAllComplete() throws Exception {
        int maxThreads = HttpSettings.MIN_MAX_THREADS;
        // Only the new server's threads count; the class's shared server has its own pool.
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        HttpServer own = HttpServer.start(
                new HttpSettings(0, MAX_BODY, WriteRateLimit.off(), maxThreads),
                mapper,
                TokenVerifier.hmac(SECRET, Duration.ofSeconds(60)),
                metrics,
                () -> new ReadinessPort.Readiness(true, true, "ok"),
                List.of(new EchoModule()));
        try {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new java.util.ArrayList<>();
            for (int i = 0; i < 2 * maxThreads; i++) {
                inFlight.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + own.port() + "/api/v1/public/slow"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long peak = 0;
            while (!inFlight.stream().allMatch(java.util.concurrent.CompletableFuture::isDone)) {
                peak = Math.max(
                        peak,
                        Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.getName().startsWith("fitsync-http") && !before.contains(t))
                                .count());
                Thread.sleep(50);
            }
            for (var response : inFlight) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
            assertThat(peak).isPositive().isLessThanOrEqualTo(maxThreads);
        } finally {
            own.close();
        }
    }

    @Test
    void requestIdIsEchoedWhenSaneAndGeneratedOtherwise() throws Exception {
        HttpResponse<String> echoed =
                send(request("/health/live").header("X-Request-Id", "req-42").GET());
        assertThat(echoed.headers().firstValue("X-Request-Id")).contains("req-42");
        HttpResponse<String> generated =
                send(request("/health/live").header("X-Request-Id", "bad/id!").GET());
        assertThat(generated.headers().firstValue("X-Request-Id"))
                .get()
                .asString()
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void metricsAreRecordedPerRouteAndStatus() throws Exception {
        getWithToken("/api/v1/me", token("alice"));
        send(request("/api/v1/me").GET());
        String scrape = send(request("/metrics").GET()).body();
        assertThat(scrape).contains("route=\"/api/v1/me\",status=\"200\"");
        assertThat(scrape).contains("route=\"/api/v1/me\",status=\"401\"");
    }

    @Test
    void openApiMergesModuleFragments() throws Exception {
        JsonNode doc = mapper.readTree(send(request("/openapi.json").GET()).body());
        assertThat(doc.path("paths").has("/api/v1/echo")).isTrue();
        assertThat(doc.path("paths").has("/health/ready")).isTrue();
        assertThat(doc.path("components").path("schemas").has("Echo")).isTrue();
        assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /**
     * A route that answers without reading the body must still leave the connection usable: the body
     * is read after the handler, so the client gets the answer (not a reset) and can send again. The
     * body is megabytes, more than the sockets buffer, so it is still arriving when the handler answers.
     */
    @Test
    void aBodyTheRouteIgnoresIsReadSoTheConnectionStaysUsable() throws Exception {
        long limit = 8L * 1024 * 1024;
        ReadinessPort ready = () -> new ReadinessPort.Readiness(true, true, "ok");
        HttpServer roomy = HttpServer.start(
                new HttpSettings(0, limit),
                mapper,
                TokenVerifier.hmac(SECRET, Duration.ofSeconds(60)),
                metrics,
                ready,
                List.of(new EchoModule()));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("localhost", roomy.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] body = ("{\"pad\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
            Future<?> sent = writer.submit(() -> {
                out.write(("POST /api/v1/public/ignores-body HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return null;
            });
            String first = readResponse(in);
            assertThat(first).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("connection: close");
            sent.get(30, TimeUnit.SECONDS);

            out.write(
                    "GET /api/v1/public/ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"pong\":true");
        } finally {
            writer.shutdownNow();
            roomy.close();
        }
    }

    /** One HTTP/1.1 response with a Content-Length body, read off a raw socket. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }
}

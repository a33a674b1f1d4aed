package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Hostile path and query parameters: never a 5xx, never leaked internals, rejected ones change nothing. */
class HostileParametersTest {

    static final List<String> VALUES = List.of(
            "'",
            "' OR '1'='1",
            "%",
            "_",
            "\\",
            "$$",
            "\u0000",
            "-1",
            "0",
            "",
            " ",
            "2026-13-01",
            "2026-02-30",
            "+999999999-12-31",
            "99999999999999999999",
            "1e308",
            "NaN",
            "null",
            "[]",
            "{}",
            "../..",
            "\u00e9\ud83c\udfc3",
            "x".repeat(5_000));

    /** Requests with one {@code {v}} placeholder (URL-encoded hostile value). Adding one is one line. */
    static final List<String> TEMPLATES = List.of(
            "GET /api/v1/entries?from={v}&to=2026-12-01",
            "GET /api/v1/entries?from=2026-11-01&to={v}",
            "PUT /api/v1/entries/{v}",
            "GET /api/v1/coach/clients/{v}/entries?from=2026-11-01&to=2026-12-01",
            "GET /api/v1/coach/clients/" + SecurityFixture.USER + "/entries?from={v}&to=2026-12-01",
            "PUT /api/v1/coach/clients/{v}/entries/2026-11-20",
            "PUT /api/v1/coach/clients/" + SecurityFixture.USER + "/entries/{v}",
            "GET /api/v1/runs?from={v}",
            "GET /api/v1/runs?to={v}",
            "GET /api/v1/runs?limit={v}",
            "GET /api/v1/runs?cursor={v}",
            "GET /api/v1/runs?include_overlapping={v}",
            "GET /api/v1/runs/{v}",
            "GET /api/v1/runs/{v}/track",
            "PATCH /api/v1/runs/{v}",
            "DELETE /api/v1/runs/{v}",
            "POST /api/v1/runs/{v}/share",
            "DELETE /api/v1/runs/{v}/share",
            "GET /api/v1/shared/{v}",
            "GET /api/v1/coach/clients/{v}/runs/" + BodyEndpoints.RUN_ID + "/track",
            "GET /api/v1/coach/clients/" + SecurityFixture.USER + "/runs/{v}/track",
            "GET /api/v1/sync?last_pulled_at={v}&schema_version=1&migration=null",
            "GET /api/v1/sync?last_pulled_at=0&schema_version={v}&migration=null",
            "GET /api/v1/sync?last_pulled_at=0&schema_version=1&migration={v}",
            "GET /api/v1/sync?last_pulled_at=0&schema_version=1&migration=null&limit={v}",
            "GET /api/v1/imports/{v}",
            "GET /api/v1/imports/{v}/events",
            "POST /api/v1/imports/{v}/cancel",
            "GET /api/v1/integrations/strava/callback?code={v}&state={v}",
            "GET /api/v1/webhooks/strava?hub.mode=subscribe&hub.verify_token={v}&hub.challenge={v}");

    private static SecurityFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SecurityFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @TestFactory
    Stream<DynamicTest> everyParameterWithEveryHostileValue() {
        return TEMPLATES.stream()
                .map(template -> DynamicTest.dynamicTest(template, () -> {
                    String method = template.substring(0, template.indexOf(' '));
                    for (String value : VALUES) {
                        String path = template.substring(template.indexOf(' ') + 1)
                                .replace(
                                        "{v}",
                                        URLEncoder.encode(value, StandardCharsets.UTF_8)
                                                .replace("+", "%20"));
                        DatabaseFingerprint before = fixture.fingerprint();
                        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"steps\":1}");
                        boolean coach = template.contains("/coach/");
                        String token = fixture.tokenFor(new BodyEndpoint("", method, path, coach, ""));
                        HttpRequest request = fixture.server()
                                .request(path, token)
                                .header("Content-Type", "application/json")
                                .method(method, body)
                                .build();
                        TestServer.Response response = sendRetryingAClosedConnection(request);
                        assertThat(response.status())
                                .as("%s with %s: %s", template, value, response)
                                .isLessThan(500);
                        assertThat(response.body())
                                .as("%s with %s", template, value)
                                .doesNotContain("Exception")
                                .doesNotContain("org.fitsync")
                                .doesNotContain("SQL");
                        if (response.status() >= 400) {
                            assertThat(fixture.fingerprint())
                                    .as("%s with %s: %s", template, value, response)
                                    .isEqualTo(before);
                        }
                    }
                }));
    }

    /**
     * Jetty refuses some URIs (an encoded NUL or {@code ..%2F}) at the parser with a 400 and closes the
     * connection; the JDK client may already have picked that pooled connection for the next request
     * and, for a PUT, does not retry by itself. That is the client's race, not the server's answer, so
     * the request is sent once more on a fresh connection.
     */
    private static TestServer.Response sendRetryingAClosedConnection(HttpRequest request) {
        try {
            return fixture.server().send(request);
        } catch (java.io.UncheckedIOException e) {
            return fixture.server().send(request);
        }
    }
}

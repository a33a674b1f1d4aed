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

    static final List<String> VALUES = List.of("'", "' OR '1'='1", "%", "_", "\\", "$$", "\u0000", "-1", "0",
            "", " ", "2026-13-01", "2026-02-30", "+999999999-12-31", "99999999999999999999", "1e308", "NaN",
            "null", "[]", "{}", "../..", "\u00e9\ud83c\udfc3", "x".repeat(5_000));

    /** Requests with one {@code {v}} placeholder (URL-encoded hostile value). Adding one is one line. */
    static final List<String> TEMPLATES = List.of(
            "GET /api/v1/entries?from={v}&to=2026-12-01",
            "GET /api/v1/entries?from=2026-11-01&to={v}",
            "PUT /api/v1/entries/{v}",
            "GET /api/v1/coach/clients/{v}/entries?from=2026-11-01&to=2026-12-01",
            "GET /api/v1/coach/clients/" + SecurityFixture.USER + "/entries?from={v}&to=2026-12-01",
            "PUT /api/v1/coach/clients/{v}/entries/2026-11-20",
            "PUT /api/v1/coach/clients/" + SecurityFixture.USER + "/entries/{v}");

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
        return TEMPLATES.stream().map(template -> DynamicTest.dynamicTest(template, () -> {
            String method = template.substring(0, template.indexOf(' '));
            for (String value : VALUES) {
                String path = template.substring(template.indexOf(' ') + 1)
                        .replace("{v}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                DatabaseFingerprint before = fixture.fingerprint();
                HttpRequest.BodyPublisher body = method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"steps\":1}");
                boolean coach = template.contains("/coach/");
                String token = fixture.tokenFor(new BodyEndpoint("", method, path, coach, ""));
                TestServer.Response response = fixture.server().send(fixture.server().request(path, token)
                        .header("Content-Type", "application/json").method(method, body).build());
                assertThat(response.status()).as("%s with %s: %s", template, value, response).isLessThan(500);
                assertThat(response.body()).as("%s with %s", template, value)
                        .doesNotContain("Exception").doesNotContain("org.fitsync").doesNotContain("SQL");
                if (response.status() >= 400) {
                    assertThat(fixture.fingerprint()).as("%s with %s: %s", template, value, response).isEqualTo(before);
                }
            }
        }));
    }
}

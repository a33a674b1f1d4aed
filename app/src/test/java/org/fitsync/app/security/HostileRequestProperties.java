package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fitsync.app.testing.TestServer;

/**
 * What must hold for any body sent to any endpoint: no 5xx; no stack trace, class name or SQL in
 * the response; and a rejected request (4xx) changes nothing in the database.
 */
public final class HostileRequestProperties {

    /** Fragments of internals; checked only when the request itself did not contain them (echoes). */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "at org.",
            "at java.",
            "java.lang",
            "com.fasterxml",
            "org.fitsync",
            "org.postgresql",
            "org.jdbi",
            "PSQL",
            "SQLState",
            "SQL state",
            "ERROR:",
            "syntax error",
            "jdbc:",
            "violates",
            "duplicate key",
            "relation \"");

    private HostileRequestProperties() {}

    /** Every read of the fixture's data still answers 200 without leaking internals. */
    public static void readsStillWork(SecurityFixture fixture, BodyEndpoint after) {
        for (String read : BodyEndpoints.READS) {
            boolean coach = read.startsWith("coach:");
            String path = fixture.path(new BodyEndpoint("read", "GET", coach ? read.substring(6) : read, coach, ""));
            TestServer.Response response =
                    fixture.server().get(path, fixture.tokenFor(new BodyEndpoint("read", "GET", path, coach, "")));
            assertThat(response.status())
                    .as("GET %s after an accepted %s: %s", path, after, response)
                    .isEqualTo(200);
        }
    }

    public static TestServer.Response check(SecurityFixture fixture, BodyEndpoint endpoint, byte[] body) {
        DatabaseFingerprint before = fixture.fingerprint();
        TestServer.Response response = fixture.send(endpoint, body);
        String sent = new String(body, StandardCharsets.UTF_8);
        assertThat(response.status()).as("%s answered %s", endpoint, response).isLessThan(500);
        for (String leak : LEAKS) {
            if (!sent.contains(leak)) {
                assertThat(response.body())
                        .as("%s leaked internals: %s", endpoint, response)
                        .doesNotContain(leak);
            }
        }
        if (response.status() < 300) {
            readsStillWork(fixture, endpoint);
        }
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type"))
                    .as("%s: %s", endpoint, response)
                    .startsWith("application/problem+json");
            assertThat(fixture.fingerprint())
                    .as("%s rejected with %s but changed the database", endpoint, response)
                    .isEqualTo(before);
        }
        return response;
    }
}

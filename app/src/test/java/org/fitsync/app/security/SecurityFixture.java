package org.fitsync.app.security;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.fitsync.app.testing.TestServer;

/**
 * A running node with a user and a coach linked to that user, for the hostile-input suites.
 * The rate limits are off: these suites send thousands of writes as one user on purpose.
 */
public final class SecurityFixture implements AutoCloseable {

    public static final String USER = "hostile-user";
    public static final String COACH = "hostile-coach";

    private final TestServer server;
    private final String userToken;
    private final String coachToken;
    private Connection owner;

    private SecurityFixture(TestServer server) {
        this.server = server;
        this.userToken = server.token(USER);
        this.coachToken = server.token(COACH, "coach");
    }

    /**
     * Rate limits off; Strava routes on, pointed at a closed local port (no user here connects Strava,
     * so it is never called), without import workers or weather.
     */
    public static Map<String, String> environment() {
        return Map.of(
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE",
                "0",
                "FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE",
                "0",
                "FITSYNC_STRAVA_CLIENT_ID",
                "4711",
                "FITSYNC_STRAVA_CLIENT_SECRET",
                "security-suite-strava-secret",
                "FITSYNC_STRAVA_BASE_URL",
                "http://127.0.0.1:9",
                "FITSYNC_STRAVA_VERIFY_TOKEN",
                "security-suite-verify",
                "FITSYNC_IMPORT_WORKERS",
                "0",
                "FITSYNC_WEATHER",
                "off");
    }

    /** A node for the security suites, with every feature's routes (Strava's included). */
    public static TestServer startServer() {
        return TestServer.start(environment());
    }

    public static SecurityFixture start() {
        SecurityFixture fixture = new SecurityFixture(startServer());
        fixture.linkCoach();
        fixture.submitRun();
        return fixture;
    }

    private void linkCoach() {
        TestServer.Response code = server.post("/api/v1/pairing-codes", userToken, "{}");
        TestServer.Response link = server.post(
                "/api/v1/coach/clients",
                coachToken,
                Map.of("code", code.json().path("code").asText()));
        if (link.status() != 201) {
            throw new IllegalStateException("could not link the coach: " + link);
        }
    }

    private void submitRun() {
        TestServer.Response run = server.post("/api/v1/runs", userToken, BodyEndpoints.RUN_BODY);
        if (run.status() != 201) {
            throw new IllegalStateException("could not submit the fixture's run: " + run);
        }
    }

    public TestServer server() {
        return server;
    }

    public String tokenFor(BodyEndpoint endpoint) {
        return endpoint.coach() ? coachToken : userToken;
    }

    public String path(BodyEndpoint endpoint) {
        return endpoint.path().replace("{client}", USER).replace("{run}", BodyEndpoints.RUN_ID);
    }

    public TestServer.Response send(BodyEndpoint endpoint, byte[] body) {
        HttpRequest request = server.request(path(endpoint), tokenFor(endpoint))
                .header("Content-Type", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return server.send(request);
    }

    public DatabaseFingerprint fingerprint() {
        return DatabaseFingerprint.of(ownerConnection());
    }

    private Connection ownerConnection() {
        try {
            if (owner == null || !owner.isValid(1)) {
                owner = server.ownerDataSource().getConnection();
            }
            return owner;
        } catch (SQLException e) {
            throw new IllegalStateException("no owner connection", e);
        }
    }

    @Override
    public void close() {
        try {
            if (owner != null) {
                owner.close();
            }
        } catch (SQLException e) {
            // Closing anyway: the server and its database go next.
        }
        server.close();
    }
}

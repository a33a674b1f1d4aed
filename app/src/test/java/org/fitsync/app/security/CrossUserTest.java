package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Another user's resources through every endpoint that addresses one: always {@code 404} (never
 * 403 or 200, which would reveal that it exists), nothing changed; and lists never show them.
 */
class CrossUserTest {

    /** The owner's secret, written into every string field the owner can store. */
    private static final String SECRET = "owner-secret-7c1e";

    /** A request by the intruder at the owner's resource; {@code {owner}} etc. come from the setup. */
    record Probe(String name, String method, String path, String body, boolean asCoach) {
        @Override
        public String toString() {
            return method + " " + path + " (" + name + ")";
        }
    }

    /** Every endpoint that addresses one resource by id. Adding one is one line here. */
    private static final List<Probe> PROBES = List.of(
            new Probe(
                    "client entries",
                    "GET",
                    "/api/v1/coach/clients/{owner}/entries?from=2026-11-01&to=2026-12-01",
                    null,
                    true),
            new Probe(
                    "client entry override",
                    "PUT",
                    "/api/v1/coach/clients/{owner}/entries/2026-11-20",
                    "{\"steps\":1,\"notes\":\"intruder\"}",
                    true),
            new Probe("run", "GET", "/api/v1/runs/{run}", null, false),
            new Probe("run track", "GET", "/api/v1/runs/{run}/track", null, false),
            new Probe("run edit", "PATCH", "/api/v1/runs/{run}", "{\"notes\":\"intruder\"}", false),
            new Probe("run delete", "DELETE", "/api/v1/runs/{run}", null, false));

    /** Every endpoint that lists the caller's own data: the owner's secret must never appear. */
    private static final List<Probe> LISTS = List.of(
            new Probe("entries", "GET", "/api/v1/entries?from=2026-11-01&to=2026-12-01", null, false),
            new Probe("coach clients", "GET", "/api/v1/coach/clients", null, true),
            new Probe("runs", "GET", "/api/v1/runs", null, false),
            new Probe("imports", "GET", "/api/v1/imports", null, false),
            new Probe("strava connection", "GET", "/api/v1/integrations/strava", null, false),
            new Probe(
                    "sync pull", "GET", "/api/v1/sync?last_pulled_at=0&schema_version=1&migration=null", null, false));

    private static TestServer server;
    private static final Map<String, String> placeholders = new HashMap<>();

    @BeforeAll
    static void ownerStoresSomethingEverywhere() {
        server = SecurityFixture.startServer();
        String owner = "cross-owner";
        String ownerToken = server.token(owner);
        placeholders.put("{owner}", owner);
        assertThat(server.put("/api/v1/entries/2026-11-20", ownerToken, Map.of("steps", 4242, "notes", SECRET))
                        .status())
                .isBetween(200, 299);
        assertThat(server.post("/api/v1/runs", ownerToken, BodyEndpoints.RUN_BODY.replace("easy 10k", SECRET))
                        .status())
                .isEqualTo(201);
        placeholders.put("{run}", BodyEndpoints.RUN_ID);
        assertThat(server.post("/api/v1/sync", ownerToken, BodyEndpoints.SYNC_PUSH_BODY.replace("Leg day", SECRET))
                        .status())
                .isEqualTo(200);
        // The owner has a coach of their own, so the owner's data is reachable through coach routes.
        String code = server.post("/api/v1/pairing-codes", ownerToken, "{}")
                .json()
                .path("code")
                .asText();
        assertThat(server.post(
                                "/api/v1/coach/clients",
                                server.token("cross-owners-coach", "coach"),
                                Map.of("code", code))
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> anotherUsersResourceIs404AndUnchanged() {
        return PROBES.stream()
                .map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> {
                    DatabaseFingerprint before = DatabaseFingerprint.of(server.ownerDataSource());
                    TestServer.Response response = send(probe);
                    assertThat(response.status()).as("%s", response).isEqualTo(404);
                    assertThat(response.body()).doesNotContain(SECRET);
                    assertThat(DatabaseFingerprint.of(server.ownerDataSource())).isEqualTo(before);
                }));
    }

    @TestFactory
    Stream<DynamicTest> listsNeverShowAnotherUsersData() {
        return LISTS.stream()
                .map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> {
                    TestServer.Response response = send(probe);
                    assertThat(response.status()).as("%s", response).isEqualTo(200);
                    assertThat(response.body()).doesNotContain(SECRET).doesNotContain(placeholders.get("{owner}"));
                }));
    }

    private static TestServer.Response send(Probe probe) {
        String path = probe.path();
        for (var placeholder : placeholders.entrySet()) {
            path = path.replace(placeholder.getKey(), placeholder.getValue());
        }
        String token = probe.asCoach() ? server.token("cross-intruder-coach", "coach") : server.token("cross-intruder");
        HttpRequest.BodyPublisher body = probe.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8);
        return server.send(server.request(path, token)
                .header("Content-Type", "application/json")
                .method(probe.method(), body)
                .build());
    }
}

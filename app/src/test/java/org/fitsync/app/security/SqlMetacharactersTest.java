package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** SQL metacharacters and unusual unicode in every stored string field come back verbatim. */
class SqlMetacharactersTest {

    static final List<String> VALUES = List.of(
            "'; DROP TABLE runs; --",
            "' OR '1'='1",
            "\"; DELETE FROM daily_entries; --",
            "%",
            "_",
            "%_%",
            "\\",
            "\\\\'",
            "$$",
            "$1",
            "$tag$ x $tag$",
            "E'\\x41'",
            "/* comment */ --",
            "`backticks`",
            "line\nbreak\ttab\r",
            "Zo\u00eb \u4e2d\u6587 \ud83c\udfc3\u200d\u2642\ufe0f \u202eRTL",
            "\u200b\ufeff",
            "x".repeat(10_000));

    /** A string field: writes the value as {@code user} on day {@code n}, reads it back. */
    interface StringField {
        String roundTrip(TestServer server, String user, int n, String value);
    }

    /** Every string field FitSync stores. Adding one is one entry here. */
    private static final Map<String, StringField> FIELDS = Map.of(
            "run notes and metadata",
                    (server, user, n, value) -> {
                        String id = java.util.UUID.randomUUID().toString();
                        String start = java.time.Instant.parse("2024-01-01T07:00:00Z")
                                .plus(java.time.Duration.ofDays(n))
                                .toString();
                        String end =
                                java.time.Instant.parse(start).plusSeconds(600).toString();
                        var body = new java.util.LinkedHashMap<String, Object>();
                        body.put("id", id);
                        body.put("started_at", start);
                        body.put("ended_at", end);
                        body.put("duration_s", 600);
                        body.put("distance_m", 2000);
                        body.put("source", "phone");
                        body.put("notes", value);
                        body.put("metadata", Map.of(value, value));
                        TestServer.Response post = server.post("/api/v1/runs", server.token(user), body);
                        assertThat(post.status()).as("%s", post).isEqualTo(201);
                        var run = server.get("/api/v1/runs/" + id, server.token(user))
                                .json();
                        assertThat(run.path("metadata").path(value).asText()).isEqualTo(value);
                        return run.path("notes").asText();
                    },
            "run notes by PATCH",
                    (server, user, n, value) -> {
                        TestServer.Response patch = server.patch(
                                "/api/v1/runs/" + BodyEndpoints.RUN_ID,
                                server.token(user),
                                Map.of("notes", value, "metadata", Map.of("k", value)));
                        assertThat(patch.status()).as("%s", patch).isEqualTo(200);
                        var run = server.get("/api/v1/runs/" + BodyEndpoints.RUN_ID, server.token(user))
                                .json();
                        assertThat(run.path("metadata").path("k").asText()).isEqualTo(value);
                        return run.path("notes").asText();
                    },
            "sync record columns",
                    (server, user, n, value) -> {
                        String id = "meta-" + n;
                        var record = Map.of("id", id, "name", value, "notes", value, "updated_at", 1_795_158_000_000L);
                        TestServer.Response push = server.post(
                                "/api/v1/sync",
                                server.token(user),
                                Map.of(
                                        "changes",
                                        Map.of(
                                                "workouts",
                                                Map.of(
                                                        "created",
                                                        java.util.List.of(record),
                                                        "updated",
                                                        java.util.List.of(),
                                                        "deleted",
                                                        java.util.List.of())),
                                        "last_pulled_at",
                                        0));
                        assertThat(push.status()).as("%s", push).isEqualTo(200);
                        var pulled = server.get(
                                        "/api/v1/sync?last_pulled_at=0&schema_version=1&migration=null",
                                        server.token(user))
                                .json();
                        for (var found : pulled.path("changes").path("workouts").path("created")) {
                            if (found.path("id").asText().equals(id)) {
                                assertThat(found.path("notes").asText()).isEqualTo(value);
                                return found.path("name").asText();
                            }
                        }
                        throw new AssertionError("pushed record " + id + " not pulled: " + pulled);
                    },
            "entry notes",
                    (server, user, n, value) -> {
                        String date =
                                java.time.LocalDate.of(2026, 1, 1).plusDays(n).toString();
                        TestServer.Response put =
                                server.put("/api/v1/entries/" + date, server.token(user), Map.of("notes", value));
                        assertThat(put.status()).as("%s", put).isBetween(200, 299);
                        return onlyItem(server.get("/api/v1/entries?from=" + date + "&to=" + date, server.token(user)))
                                .path("notes")
                                .asText();
                    },
            "coach override notes",
                    (server, user, n, value) -> {
                        String date =
                                java.time.LocalDate.of(2025, 1, 1).plusDays(n).toString();
                        TestServer.Response put = server.put(
                                "/api/v1/coach/clients/" + user + "/entries/" + date,
                                server.token(user + "-coach", "coach"),
                                Map.of("notes", value));
                        assertThat(put.status()).as("%s", put).isBetween(200, 299);
                        return onlyItem(server.get("/api/v1/entries?from=" + date + "&to=" + date, server.token(user)))
                                .path("notes")
                                .asText();
                    });

    private static TestServer server;
    private static final AtomicInteger day = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = SecurityFixture.startServer();
        String code = server.post("/api/v1/pairing-codes", server.token("meta-user"), "{}")
                .json()
                .path("code")
                .asText();
        server.post("/api/v1/coach/clients", server.token("meta-user-coach", "coach"), Map.of("code", code));
        assertThat(server.post("/api/v1/runs", server.token("meta-user"), BodyEndpoints.RUN_BODY)
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyStringFieldKeepsEveryValueVerbatim() {
        return FIELDS.entrySet().stream()
                .map(field -> DynamicTest.dynamicTest(field.getKey(), () -> {
                    for (String value : VALUES) {
                        String back = field.getValue().roundTrip(server, "meta-user", day.incrementAndGet(), value);
                        assertThat(back).as("%s with %s", field.getKey(), value).isEqualTo(value);
                    }
                    assertThat(DatabaseFingerprint.of(server.ownerDataSource()).tables())
                            .as("every table still exists")
                            .containsKeys("daily_entries", "sync_state");
                }));
    }

    private static com.fasterxml.jackson.databind.JsonNode onlyItem(TestServer.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("items")).hasSize(1);
        return response.json().path("items").get(0);
    }
}

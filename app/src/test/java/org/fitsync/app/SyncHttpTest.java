package org.fitsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET/POST /api/v1/sync} end to end: shapes, status codes and paging over HTTP. */
class SyncHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> push(
            String collection,
            List<Map<String, Object>> created,
            List<Map<String, Object>> updated,
            List<String> deleted,
            Object lastPulledAt) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("changes", Map.of(collection, Map.of("created", created, "updated", updated, "deleted", deleted)));
        body.put("last_pulled_at", lastPulledAt);
        return body;
    }

    @Test
    void firstSyncOfANewUserIsEmptyWithACursor() {
        TestServer.Response response = server.get(
                "/api/v1/sync?last_pulled_at=null&schema_version=1&migration=null", server.token("nobody-yet"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.json().path("changes").isObject()).isTrue();
        assertThat(response.json().path("timestamp").asLong()).isPositive();
        assertThat(response.json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void pushThenPullRoundTripsRecordsCreatedFirstAndUpdatedLater() {
        String token = server.token("carol");
        TestServer.Response pushed = server.post(
                "/api/v1/sync",
                token,
                push(
                        "workouts",
                        List.of(Map.of(
                                "id",
                                "w1",
                                "name",
                                "Leg day",
                                "updated_at",
                                1795158000000L,
                                "_status",
                                "created",
                                "_changed",
                                "")),
                        List.of(),
                        List.of(),
                        null));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json().path("timestamp").asLong()).isPositive();
        assertThat(pushed.json().path("conflicts").isArray()).isTrue();
        assertThat(pushed.json().path("experimentalRejectedIds").isObject()).isTrue();

        JsonNode first = server.get("/api/v1/sync", token).json();
        JsonNode workouts = first.path("changes").path("workouts");
        assertThat(workouts.path("created")).hasSize(1);
        assertThat(workouts.path("updated")).isEmpty();
        assertThat(workouts.path("deleted")).isEmpty();
        JsonNode record = workouts.path("created").get(0);
        assertThat(record.path("name").asText()).isEqualTo("Leg day");
        assertThat(record.path("updated_at").asLong()).isEqualTo(1795158000000L);
        assertThat(record.has("_status")).isFalse();
        long cursor = first.path("timestamp").asLong();

        server.post(
                "/api/v1/sync",
                token,
                push(
                        "workouts",
                        List.of(),
                        List.of(Map.of("id", "w1", "name", "Arm day", "updated_at", 1795158000001L)),
                        List.of("w0"),
                        cursor));
        JsonNode next =
                server.get("/api/v1/sync?last_pulled_at=" + cursor, token).json();
        assertThat(next.path("changes").path("workouts").path("created")).isEmpty();
        assertThat(next.path("changes")
                        .path("workouts")
                        .path("updated")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("Arm day");
    }

    @Test
    void deleteRacingAnEditIsReportedAsRejected() {
        String token = server.token("dave");
        long cursor = server.post(
                        "/api/v1/sync",
                        token,
                        push(
                                "settings",
                                List.of(Map.of("id", "s1", "key", "units", "value", "km")),
                                List.of(),
                                List.of(),
                                null))
                .json()
                .path("timestamp")
                .asLong();
        server.post("/api/v1/sync", token, push("settings", List.of(), List.of(), List.of("s1"), cursor));
        TestServer.Response late = server.post(
                "/api/v1/sync",
                token,
                push(
                        "settings",
                        List.of(),
                        List.of(Map.of("id", "s1", "key", "units", "value", "mi")),
                        List.of(),
                        cursor));
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json()
                        .path("experimentalRejectedIds")
                        .path("settings")
                        .get(0)
                        .asText())
                .isEqualTo("s1");
        JsonNode pulled =
                server.get("/api/v1/sync?last_pulled_at=" + cursor, token).json();
        assertThat(pulled.path("changes")
                        .path("settings")
                        .path("deleted")
                        .get(0)
                        .asText())
                .isEqualTo("s1");
    }

    @Test
    void serverWinsConflictIsListed() {
        String token = server.token("erin");
        long cursor = server.post(
                        "/api/v1/sync",
                        token,
                        push("mesocycles", List.of(Map.of("id", "m1", "name", "Base")), List.of(), List.of(), null))
                .json()
                .path("timestamp")
                .asLong();
        server.post(
                "/api/v1/sync",
                token,
                push("mesocycles", List.of(), List.of(Map.of("id", "m1", "name", "Coach")), List.of(), cursor));
        JsonNode response = server.post(
                        "/api/v1/sync",
                        token,
                        push("mesocycles", List.of(), List.of(Map.of("id", "m1", "name", "Phone")), List.of(), cursor))
                .json();
        assertThat(response.path("conflicts").get(0).path("table").asText()).isEqualTo("mesocycles");
        assertThat(response.path("conflicts").get(0).path("id").asText()).isEqualTo("m1");
        assertThat(response.path("conflicts").get(0).path("winner").asText()).isEqualTo("server");
    }

    @Test
    void limitPagesWithHasMoreUntilEverythingArrivedOnce() {
        String token = server.token("frank");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(Map.of("id", "b" + i, "kind", "weight", "value", 70 + i));
        }
        server.post("/api/v1/sync", token, push("body_measurements", records, List.of(), List.of(), null));
        Set<String> ids = new HashSet<>();
        String cursor = "null";
        int pages = 0;
        boolean more = true;
        while (more) {
            JsonNode page = server.get("/api/v1/sync?limit=10&last_pulled_at=" + cursor, token)
                    .json();
            page.path("changes")
                    .path("body_measurements")
                    .path("created")
                    .forEach(r -> assertThat(ids.add(r.path("id").asText())).isTrue());
            page.path("changes")
                    .path("body_measurements")
                    .path("updated")
                    .forEach(r -> assertThat(ids.add(r.path("id").asText())).isTrue());
            more = page.path("has_more").asBoolean();
            cursor = page.path("timestamp").asText();
            pages++;
        }
        assertThat(ids).hasSize(25);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void migrationPullIsAccepted() {
        String token = server.token("gina");
        server.post(
                "/api/v1/sync",
                token,
                push("settings", List.of(Map.of("id", "s1", "key", "k")), List.of(), List.of(), null));
        long cursor = server.get("/api/v1/sync", token).json().path("timestamp").asLong();
        String migration =
                URLEncoder.encode("{\"from\":1,\"tables\":[\"settings\"],\"columns\":[]}", StandardCharsets.UTF_8);
        JsonNode pulled = server.get(
                        "/api/v1/sync?last_pulled_at=" + cursor + "&schema_version=2&migration=" + migration, token)
                .json();
        assertThat(pulled.path("changes")
                        .path("settings")
                        .path("updated")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo("s1");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String token = server.token("hank");
        assertProblem(
                server.post(
                        "/api/v1/sync",
                        token,
                        push("spaceships", List.of(Map.of("id", "x")), List.of(), List.of(), null)),
                422);
        assertProblem(
                server.post(
                        "/api/v1/sync",
                        token,
                        push("workouts", List.of(Map.of("id", "bad id/..")), List.of(), List.of(), null)),
                422);
        assertProblem(
                server.post(
                        "/api/v1/sync",
                        token,
                        push("workouts", List.of(Map.of("name", "no id")), List.of(), List.of(), null)),
                422);
        assertProblem(
                server.post("/api/v1/sync", token, push("workouts", List.of(), List.of(), List.of(), "soon")), 422);
        assertProblem(server.post("/api/v1/sync", token, Map.of("changes", List.of())), 422);
        assertProblem(
                server.post("/api/v1/sync", token, Map.of("changes", Map.of("workouts", Map.of("created", "x")))), 422);
        assertProblem(server.post("/api/v1/sync", token, "{\"changes\": {"), 400);
        assertProblem(server.get("/api/v1/sync?last_pulled_at=yesterday", token), 400);
        assertProblem(server.get("/api/v1/sync?last_pulled_at=-5", token), 422);
        assertProblem(server.get("/api/v1/sync?last_pulled_at=" + (1L << 53), token), 422);
        assertProblem(server.get("/api/v1/sync?limit=0", token), 422);
        assertProblem(server.get("/api/v1/sync?limit=ten", token), 400);
        assertProblem(server.get("/api/v1/sync?migration=%7Bnope", token), 400);
        assertProblem(server.get("/api/v1/sync?migration=%5B%5D", token), 422);
        assertProblem(server.get("/api/v1/sync", null), 401);
        JsonNode pulled = server.get("/api/v1/sync", token).json();
        assertThat(pulled.path("changes").size()).isZero();
    }

    @Test
    void valuesPostgresCannotStoreAreSanitisedNotServerErrors() {
        String token = server.token("ivan");
        TestServer.Response response = server.post(
                "/api/v1/sync",
                token,
                "{\"changes\":{\"workouts\":{\"created\":[{\"id\":\"w1\",\"name\":\"a\\u0000b\","
                        + "\"notes\":\"\\ud800\",\"started_at\":1e20,\"template_id\":\"t\\u0000\",\"ended_at\":1e400,\"exercises\":[1]}],"
                        + "\"updated\":[],\"deleted\":[]}},\"last_pulled_at\":null}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode record = server.get("/api/v1/sync", token)
                .json()
                .path("changes")
                .path("workouts")
                .path("created")
                .get(0);
        assertThat(record.path("name").isNull()).isTrue();
        assertThat(record.path("ended_at").isNull()).isTrue();
        assertThat(record.path("exercises").isNull()).isTrue();
        assertThat(record.path("started_at").asDouble()).isEqualTo(1e20);
        assertThat(record.path("template_id").isNull()).isTrue();
    }

    @Test
    void syncIsDescribedInOpenApi() {
        JsonNode openApi = server.get("/openapi.json", null).json();
        assertThat(openApi.path("paths").path("/api/v1/sync").has("get")).isTrue();
        assertThat(openApi.path("paths").path("/api/v1/sync").has("post")).isTrue();
        assertThat(openApi.path("components").path("schemas").has("SyncPullResponse"))
                .isTrue();
    }

    private static void assertProblem(TestServer.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}

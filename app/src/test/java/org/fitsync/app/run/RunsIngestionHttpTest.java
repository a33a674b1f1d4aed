package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.app.run.RunBodies.run;
import static org.fitsync.app.run.RunBodies.storedRuns;
import static org.fitsync.app.run.RunBodies.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.LatLon;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/v1/runs: creation, idempotent retries, id conflicts; reads, edits and deletion of one run. */
class RunsIngestionHttpTest {

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
    void createsTheRunWithLocationPolylineAndVersion() {
        String token = server.token("ingest-alice");
        UUID id = UUID.randomUUID();
        TestServer.Response created = server.post("/api/v1/runs", token, run(id, 0, 45, "phone"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/runs/" + id);
        JsonNode run = created.json();
        assertThat(run.path("id").asText()).isEqualTo(id.toString());
        assertThat(run.path("started_at").asText()).isEqualTo("2026-11-20T07:00:00Z");
        assertThat(run.path("ended_at").asText()).isEqualTo("2026-11-20T07:45:00Z");
        assertThat(run.path("duration_s").asLong()).isEqualTo(2690);
        assertThat(run.path("distance_m").asDouble()).isEqualTo(6772.5);
        assertThat(run.path("source").asText()).isEqualTo("phone");
        assertThat(run.path("notes").asText()).isEqualTo("easy 45 min");
        assertThat(run.path("metadata").path("device").asText()).isEqualTo("Pixel 9");
        assertThat(run.path("point_count").asInt()).isEqualTo(600);
        // 600 points on a near-straight line: the simplified polyline keeps only a few of them.
        String everyPoint = EncodedPolyline.encode(RunBodies.track(RunBodies.DAY, 600).stream()
                .map(p -> new LatLon((Double) p.get(1), (Double) p.get(2)))
                .toList());
        assertThat(run.path("polyline").asText())
                .isNotBlank()
                .hasSizeLessThan(everyPoint.length() / 10)
                .startsWith(EncodedPolyline.encode(List.of(new LatLon(52.52001, 13.40495))));
        assertThat(run.path("overlapping").asBoolean()).isFalse();
        assertThat(run.path("overlaps").isArray()).isTrue();
        assertThat(run.path("overlaps")).isEmpty();
        assertThat(run.path("strava_id").isNull()).isTrue();
        assertThat(run.path("weather").isNull()).isTrue();
        assertThat(run.path("created_at").asText()).isNotBlank();
        assertThat(run.path("updated_at").asText())
                .isEqualTo(run.path("created_at").asText());

        assertThat(server.get("/api/v1/runs/" + id, token).json()).isEqualTo(run);
        Map<String, Object> row = Jdbi.create(server.ownerDataSource())
                .withHandle(h -> h.createQuery(
                                "SELECT r.version, r.created_version, s.version AS current FROM runs r JOIN sync_state s USING (user_id)"
                                        + " WHERE r.id = :id")
                        .bind("id", id)
                        .mapToMap()
                        .one());
        assertThat(row.get("version")).isEqualTo(row.get("current")).isEqualTo(row.get("created_version"));
    }

    @Test
    void exactDuplicateReturns200WithTheSameBody() {
        String token = server.token("ingest-bob");
        Map<String, Object> body = run(60, 30, "garmin");
        TestServer.Response first = server.post("/api/v1/runs", token, body);
        TestServer.Response again = server.post("/api/v1/runs", token, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(storedRuns(server.ownerDataSource(), "ingest-bob")).isEqualTo(1);
    }

    @Test
    void theSameContentSpelledDifferentlyIsStillADuplicate() {
        String token = server.token("ingest-spelling");
        UUID id = UUID.randomUUID();
        String a = """
                {"id":"%s","started_at":"2026-11-20T07:00:00Z","ended_at":"2026-11-20T07:10:00Z",
                 "duration_s":600,"distance_m":2000,"source":"phone","metadata":{"a":1,"b":{"c":2,"d":3}}}""".formatted(id);
        String b = """
                {"metadata":{"b":{"d":3,"c":2},"a":1},"source":"phone","distance_m":2000.0,"duration_s":600,
                 "ended_at":"2026-11-20T08:10:00+01:00","started_at":"2026-11-20T07:00:00.000Z","id":"%s"}""".formatted(id);
        assertThat(server.post("/api/v1/runs", token, a).status()).isEqualTo(201);
        assertThat(server.post("/api/v1/runs", token, b).status()).isEqualTo(200);
    }

    @Test
    void nullOptionalFieldsMeanAbsent() {
        String token = server.token("ingest-nulls");
        String body = """
                {"id":"%s","started_at":"2026-11-20T07:00:00Z","ended_at":"2026-11-20T07:10:00Z","duration_s":600,
                 "distance_m":2000,"source":"manual","notes":null,"metadata":null,"track":null}""".formatted(UUID.randomUUID());
        TestServer.Response created = server.post("/api/v1/runs", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("notes").isNull()).isTrue();
        assertThat(created.json().path("metadata").isObject()).isTrue();
        assertThat(created.json().path("metadata")).isEmpty();
        assertThat(created.json().path("point_count").asInt()).isZero();
    }

    @Test
    void runIdsArePerUser() {
        UUID id = UUID.randomUUID();
        assertThat(server.post("/api/v1/runs", server.token("ingest-twin-1"), run(id, 0, 30, "phone"))
                        .status())
                .isEqualTo(201);
        assertThat(server.post("/api/v1/runs", server.token("ingest-twin-2"), run(id, 0, 30, "garmin"))
                        .status())
                .isEqualTo(201);
        assertThat(server.get("/api/v1/runs/" + id, server.token("ingest-twin-2"))
                        .json()
                        .path("source")
                        .asText())
                .isEqualTo("garmin");
    }

    @Test
    void sameIdWithDifferentContentIsAConflictAndChangesNothing() {
        String token = server.token("ingest-carol");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = run(id, 120, 30, "phone");
        TestServer.Response first = server.post("/api/v1/runs", token, body);
        TestServer.Response conflict = server.post("/api/v1/runs", token, with(body, "notes", "changed my mind"));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(conflict.json().path("type").asText()).endsWith("run-id-conflict");
        assertThat(server.get("/api/v1/runs/" + id, token).body()).isEqualTo(first.body());
    }

    @Test
    void retryAfterEditingNotesStillAnswersWithTheStoredRun() {
        String token = server.token("ingest-dave");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = run(id, 180, 20, "phone");
        server.post("/api/v1/runs", token, body);
        TestServer.Response edited = server.patch("/api/v1/runs/" + id, token, Map.of("notes", "windy"));
        TestServer.Response retry = server.post("/api/v1/runs", token, body);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("notes").asText()).isEqualTo("windy");
        assertThat(retry.body()).isEqualTo(edited.body());
    }

    @Test
    void patchEditsNotesAndMetadataAndStampsAVersion() {
        String token = server.token("ingest-erin");
        UUID id = UUID.randomUUID();
        server.post("/api/v1/runs", token, run(id, 240, 20, "phone"));
        long before = version(id);

        TestServer.Response cleared =
                server.patch("/api/v1/runs/" + id, token, "{\"notes\": null, \"metadata\": {\"shoes\": \"Pegasus\"}}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("notes").isNull()).isTrue();
        assertThat(cleared.json().path("metadata"))
                .isEqualTo(server.json().createObjectNode().put("shoes", "Pegasus"));
        assertThat(version(id)).isGreaterThan(before);

        TestServer.Response invalid = server.patch(
                "/api/v1/runs/" + id, token, Map.of("notes", "x".repeat(10_001), "metadata", "not an object"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("notes", "metadata");
        assertThat(server.get("/api/v1/runs/" + id, token)
                        .json()
                        .path("metadata")
                        .path("shoes")
                        .asText())
                .isEqualTo("Pegasus");
        assertThat(server.patch("/api/v1/runs/" + id, token, "[1]").status()).isEqualTo(400);
        assertThat(server.patch("/api/v1/runs/" + id, token, Map.of("notes", "nul\u0000"))
                        .status())
                .isEqualTo(422);
        assertThat(server.patch("/api/v1/runs/" + id, token, Map.of("metadata", Map.of("nul", "\u0000")))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void deleteIsSoftStampedAndFinal() {
        String token = server.token("ingest-frank");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = run(id, 300, 20, "phone");
        server.post("/api/v1/runs", token, body);

        assertThat(server.delete("/api/v1/runs/" + id, token).status()).isEqualTo(204);
        Map<String, Object> row = Jdbi.create(server.ownerDataSource())
                .withHandle(h -> h.createQuery(
                                "SELECT r.deleted_at IS NOT NULL AS deleted, r.version = s.version AS latest FROM runs r"
                                        + " JOIN sync_state s USING (user_id) WHERE r.id = :id")
                        .bind("id", id)
                        .mapToMap()
                        .one());
        assertThat(row).containsEntry("deleted", true).containsEntry("latest", true);
        assertThat(server.get("/api/v1/runs/" + id, token).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/runs/" + id + "/track", token).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/runs", token).json().path("items")).isEmpty();
        assertThat(server.delete("/api/v1/runs/" + id, token).status()).isEqualTo(404);
        assertThat(server.patch("/api/v1/runs/" + id, token, Map.of("notes", "x"))
                        .status())
                .isEqualTo(404);

        TestServer.Response late = server.post("/api/v1/runs", token, body);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("type").asText()).endsWith("run-deleted");
    }

    @Test
    void anotherUserGets404ForEveryRunEndpoint() {
        String owner = server.token("ingest-owner");
        String other = server.token("ingest-other");
        UUID id = UUID.randomUUID();
        server.post("/api/v1/runs", owner, run(id, 400, 20, "phone"));
        String path = "/api/v1/runs/" + id;

        assertThat(server.get(path, other).status()).isEqualTo(404);
        assertThat(server.get(path + "/track", other).status()).isEqualTo(404);
        assertThat(server.send(server.request(path + "/track", other)
                                .header("Accept", "application/gpx+xml")
                                .GET()
                                .build())
                        .status())
                .isEqualTo(404);
        assertThat(server.patch(path, other, Map.of("notes", "mine now")).status())
                .isEqualTo(404);
        assertThat(server.delete(path, other).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/runs?include_overlapping=true", other)
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(server.get(path, owner).json().path("notes").asText()).isEqualTo("easy 20 min");
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        String token = server.token("ingest-gina");
        assertThat(server.get("/api/v1/runs/" + UUID.randomUUID(), token).status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/runs/not-a-uuid", token).status()).isEqualTo(404);
        assertThat(server.delete("/api/v1/runs/not-a-uuid", token).status()).isEqualTo(404);
    }

    @Test
    void runEndpointsNeedAToken() {
        assertThat(server.post("/api/v1/runs", null, "{}").status()).isEqualTo(401);
        assertThat(server.get("/api/v1/runs/" + UUID.randomUUID(), null).status())
                .isEqualTo(401);
    }

    @Test
    void openApiDocumentsTheRunRoutes() {
        JsonNode paths = server.get("/openapi.json", null).json().path("paths");
        assertThat(paths.has("/api/v1/runs")).isTrue();
        assertThat(paths.path("/api/v1/runs").has("post")).isTrue();
        assertThat(paths.path("/api/v1/runs/{id}").has("patch")).isTrue();
        assertThat(paths.has("/api/v1/runs/{id}/track")).isTrue();
    }

    private static long version(UUID id) {
        return Jdbi.create(server.ownerDataSource())
                .withHandle(h -> h.createQuery("SELECT version FROM runs WHERE id = :id")
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one());
    }
}

package org.fitsync.app.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coaches over HTTP: pairing, roles, links, reads and overrides of a client's days. */
class CoachHttpTest {

    private static TestServer server;
    private static OwnerQueries db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = new OwnerQueries(server.ownerDataSource());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String code(String clientToken) {
        TestServer.Response response = server.post("/api/v1/pairing-codes", clientToken, "");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("code").asText();
    }

    private static TestServer.Response link(String coachToken, String code) {
        return server.post("/api/v1/coach/clients", coachToken, Map.of("code", code));
    }

    @Test
    void aClientPairsWithACoachByCode() {
        TestServer.Response issued = server.post("/api/v1/pairing-codes", server.token("pair-client"), "");
        assertThat(issued.status()).isEqualTo(201);
        String code = issued.json().path("code").asText();
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
        Instant expires = Instant.parse(issued.json().path("expires_at").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));

        String coach = server.token("pair-coach", "coach");
        TestServer.Response linked = link(coach, code.toLowerCase(Locale.ROOT));

        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().path("client_id").asText()).isEqualTo("pair-client");
        JsonNode clients = server.get("/api/v1/coach/clients", coach).json().path("items");
        assertThat(clients).hasSize(1);
        assertThat(clients.get(0).path("client_id").asText()).isEqualTo("pair-client");
    }

    @Test
    void aCodeIsStoredHashedAndWorksOnlyOnce() throws Exception {
        String code = code(server.token("once-client"));
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
        assertThat(db.number("SELECT count(*) FROM pairing_codes WHERE encode(code_hash, 'hex') = ?", hash))
                .isEqualTo(1);
        assertThat(db.number("SELECT count(*) FROM pairing_codes p WHERE p::text LIKE ?", "%" + code + "%"))
                .isZero();

        assertThat(link(server.token("once-coach-1", "coach"), code).status()).isEqualTo(201);
        TestServer.Response reused = link(server.token("once-coach-2", "coach"), code);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("errors").get(0).path("message").asText()).contains("already been used");
        assertThat(server.get("/api/v1/coach/clients", server.token("once-coach-2", "coach"))
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void badCodesAreRefused() {
        String coach = server.token("bad-code-coach", "coach");
        assertThat(link(coach, "2222-2222").status()).isEqualTo(422);
        assertThat(link(coach, "not a code").status()).isEqualTo(422);
        assertThat(server.post("/api/v1/coach/clients", coach, Map.of("code", 12345678))
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/coach/clients", coach, "{").status()).isEqualTo(400);
        String own = code(coach);
        assertThat(link(coach, own).status()).isEqualTo(422);
    }

    @Test
    void withoutTheCoachRoleEveryCoachRouteIs403() {
        String plain = server.token("not-a-coach");
        String code = code(server.token("some-client"));
        assertThat(link(plain, code).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/coach/clients", plain).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/coach/clients/some-client/entries", plain)
                        .status())
                .isEqualTo(403);
        assertThat(server.put("/api/v1/coach/clients/some-client/entries/2026-11-20", plain, Map.of("steps", 1))
                        .status())
                .isEqualTo(403);
        // The refused attempt did not use the code up.
        assertThat(link(server.token("real-coach", "coach"), code).status()).isEqualTo(201);
    }

    @Test
    void aCoachWithoutALinkSeesNoClient() {
        String client = server.token("unlinked-client");
        server.put("/api/v1/entries/2026-11-20", client, Map.of("steps", 1234));
        String coach = server.token("unlinked-coach", "coach");

        assertThat(server.get("/api/v1/coach/clients/unlinked-client/entries", coach)
                        .status())
                .isEqualTo(404);
        assertThat(server.put("/api/v1/coach/clients/unlinked-client/entries/2026-11-20", coach, Map.of("steps", 1))
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/coach/clients/nobody-at-all/entries", coach)
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/coach/clients/" + "x".repeat(200) + "/entries", coach)
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/entries", client)
                        .json()
                        .path("items")
                        .get(0)
                        .path("steps")
                        .asInt())
                .isEqualTo(1234);
        assertThat(db.version("unlinked-client")).isEqualTo(1);
    }

    @Test
    void aCoachReadsALinkedClientsDays() {
        String client = server.token("read-client");
        server.post(
                "/api/v1/ingest/steps",
                client,
                Map.of(
                        "source",
                        "healthkit",
                        "items",
                        List.of(
                                Map.of("date", "2026-11-19", "steps", 4000),
                                Map.of("date", "2026-11-20", "steps", 6000))));
        String coach = server.token("read-coach", "coach");
        link(coach, code(client));

        TestServer.Response all = server.get("/api/v1/coach/clients/read-client/entries", coach);
        TestServer.Response one =
                server.get("/api/v1/coach/clients/read-client/entries?from=2026-11-20&to=2026-11-20", coach);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("items")).hasSize(2);
        assertThat(one.json().path("items")).hasSize(1);
        assertThat(one.json().path("items").get(0).path("steps").asInt()).isEqualTo(6000);
        assertThat(server.get("/api/v1/coach/clients/read-client/entries?from=bad", coach)
                        .status())
                .isEqualTo(400);
        // The coach's own history stays the coach's.
        assertThat(server.get("/api/v1/entries", coach).json().path("items")).isEmpty();
    }

    @Test
    void anOverrideShowsToTheClientAsManualWithTheCoachRecorded() {
        String client = server.token("override-client");
        server.post(
                "/api/v1/ingest/steps",
                client,
                Map.of("source", "healthkit", "items", List.of(Map.of("date", "2026-11-20", "steps", 8123))));
        String coach = server.token("override-coach", "coach");
        link(coach, code(client));

        TestServer.Response corrected =
                server.put("/api/v1/coach/clients/override-client/entries/2026-11-20", coach, Map.of("steps", 10500));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);

        JsonNode day =
                server.get("/api/v1/entries", client).json().path("items").get(0);
        assertThat(day.path("steps").asInt()).isEqualTo(10500);
        assertThat(day.path("manual_fields").get(0).asText()).isEqualTo("steps");
        assertThat(day.path("data_sources")).extracting(JsonNode::asText).containsExactly("manual", "healthkit");
        assertThat(day.path("corrections").get(0).path("field").asText()).isEqualTo("steps");
        assertThat(day.path("corrections").get(0).path("coach_id").asText()).isEqualTo("override-coach");
        assertThat(day.path("overridden").path("steps").path("source").asText()).isEqualTo("healthkit");
        // The device's next sync does not undo the coach's correction.
        TestServer.Response ingest = server.post(
                "/api/v1/ingest/steps",
                client,
                Map.of("source", "healthkit", "items", List.of(Map.of("date", "2026-11-20", "steps", 8200))));
        assertThat(ingest.json().path("results").get(0).path("status").asText()).isEqualTo("kept_manual");
        assertThat(server.get("/api/v1/entries", client)
                        .json()
                        .path("items")
                        .get(0)
                        .path("steps")
                        .asInt())
                .isEqualTo(10500);
        // The correction is stored in the client's rows, stamped with the client's version.
        assertThat(db.number("SELECT version FROM daily_entries WHERE user_id = 'override-client'"))
                .isEqualTo(db.version("override-client"));
        assertThat(server.put("/api/v1/coach/clients/override-client/entries/2026-11-20", coach, Map.of("steps", -3))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void routesAreDocumented() {
        JsonNode paths = server.get("/openapi.json", null).json().path("paths");
        assertThat(paths.has("/api/v1/pairing-codes")).isTrue();
        assertThat(paths.has("/api/v1/coach/clients")).isTrue();
        assertThat(paths.has("/api/v1/coach/clients/{id}/entries")).isTrue();
        assertThat(paths.has("/api/v1/coach/clients/{id}/entries/{date}")).isTrue();
    }
}

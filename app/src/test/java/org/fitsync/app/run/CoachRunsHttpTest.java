package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/coach/clients/{id}/runs}: a linked coach reads the client's runs. */
class CoachRunsHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void link(String client, String coachToken) {
        TestServer.Response code = server.post("/api/v1/pairing-codes", server.token(client), "");
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        TestServer.Response linked = server.post(
                "/api/v1/coach/clients",
                coachToken,
                Map.of("code", code.json().path("code").asText()));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    }

    @Test
    void aLinkedCoachReadsTheClientsRunsPageByPage() {
        String client = "coached-runner";
        String clientToken = server.token(client);
        for (int i = 0; i < 3; i++) {
            assertThat(server.post("/api/v1/runs", clientToken, RunBodies.run(UUID.randomUUID(), i * 600, 30, "phone"))
                            .status())
                    .isEqualTo(201);
        }
        String coach = server.token("runs-coach", "coach");
        link(client, coach);

        TestServer.Response first = server.get("/api/v1/coach/clients/" + client + "/runs?limit=2", coach);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("items")).hasSize(2);
        JsonNode own = server.get("/api/v1/runs?limit=2", clientToken).json();
        assertThat(first.json().path("items")).isEqualTo(own.path("items"));
        String cursor = first.json().path("next_cursor").asText();
        TestServer.Response second =
                server.get("/api/v1/coach/clients/" + client + "/runs?limit=2&cursor=" + cursor, coach);
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        // The client's own cursor is not valid on the coach's route, and the reverse.
        assertThat(server.get(
                                "/api/v1/coach/clients/" + client + "/runs?limit=2&cursor="
                                        + own.path("next_cursor").asText(),
                                coach)
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/coach/clients/" + client + "/runs?limit=0", coach)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theRouteIsDocumented() {
        JsonNode route = server.get("/openapi.json", null).json().path("paths").path("/api/v1/coach/clients/{id}/runs");
        assertThat(route.path("get").path("responses").has("404")).isTrue();
    }

    @Test
    void anUnlinkedClientIsNotFoundAndOnlyCoachesMayAsk() {
        String clientToken = server.token("lonely-runner");
        assertThat(server.post("/api/v1/runs", clientToken, RunBodies.run(UUID.randomUUID(), 0, 30, "phone"))
                        .status())
                .isEqualTo(201);
        String coach = server.token("other-coach", "coach");
        TestServer.Response unlinked = server.get("/api/v1/coach/clients/lonely-runner/runs", coach);
        assertThat(unlinked.status()).isEqualTo(404);
        assertThat(unlinked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unlinked.body()).doesNotContain("easy 30 min");
        assertThat(server.get("/api/v1/coach/clients/lonely-runner/runs", server.token("nosy-user"))
                        .status())
                .isEqualTo(403);
        assertThat(server.get("/api/v1/coach/clients/" + "x".repeat(300) + "/runs", coach)
                        .status())
                .isEqualTo(404);
    }
}

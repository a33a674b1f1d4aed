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
            "%", "_", "%_%", "\\", "\\\\'", "$$", "$1", "$tag$ x $tag$", "E'\\x41'",
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
            "entry notes", (server, user, n, value) -> {
                String date = java.time.LocalDate.of(2026, 1, 1).plusDays(n).toString();
                TestServer.Response put = server.put("/api/v1/entries/" + date, server.token(user), Map.of("notes", value));
                assertThat(put.status()).as("%s", put).isBetween(200, 299);
                return onlyItem(server.get("/api/v1/entries?from=" + date + "&to=" + date, server.token(user)))
                        .path("notes").asText();
            },
            "coach override notes", (server, user, n, value) -> {
                String date = java.time.LocalDate.of(2025, 1, 1).plusDays(n).toString();
                TestServer.Response put = server.put("/api/v1/coach/clients/" + user + "/entries/" + date,
                        server.token(user + "-coach", "coach"), Map.of("notes", value));
                assertThat(put.status()).as("%s", put).isBetween(200, 299);
                return onlyItem(server.get("/api/v1/entries?from=" + date + "&to=" + date, server.token(user)))
                        .path("notes").asText();
            });

    private static TestServer server;
    private static final AtomicInteger day = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "0"));
        String code = server.post("/api/v1/pairing-codes", server.token("meta-user"), "{}").json().path("code").asText();
        server.post("/api/v1/coach/clients", server.token("meta-user-coach", "coach"), Map.of("code", code));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyStringFieldKeepsEveryValueVerbatim() {
        return FIELDS.entrySet().stream().map(field -> DynamicTest.dynamicTest(field.getKey(), () -> {
            for (String value : VALUES) {
                String back = field.getValue().roundTrip(server, "meta-user", day.incrementAndGet(), value);
                assertThat(back).as("%s with %s", field.getKey(), value).isEqualTo(value);
            }
            assertThat(DatabaseFingerprint.of(server.ownerDataSource()).tables()).as("every table still exists")
                    .containsKeys("daily_entries", "sync_state");
        }));
    }

    private static com.fasterxml.jackson.databind.JsonNode onlyItem(TestServer.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("items")).hasSize(1);
        return response.json().path("items").get(0);
    }
}

package org.fitsync.app.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Daily metrics over HTTP: the source situations, partial batches, idempotency, validation, isolation. */
class DailyHttpTest {

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

    private static Map<String, Object> steps(String source, Object... dateAndSteps) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < dateAndSteps.length; i += 2) {
            items.add(Map.of("date", dateAndSteps[i], "steps", dateAndSteps[i + 1]));
        }
        return Map.of("source", source, "items", items);
    }

    private static JsonNode day(String token, String date) {
        TestServer.Response response = server.get("/api/v1/entries?from=" + date + "&to=" + date, token);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("items")).hasSize(1);
        return response.json().path("items").get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void manualOnly() {
        String token = server.token("manual-only");
        TestServer.Response put = server.put(
                "/api/v1/entries/2026-11-20", token, Map.of("steps", 5000, "sleep_quality", 4, "notes", "long walk"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        JsonNode day = day(token, "2026-11-20");
        assertThat(day.path("steps").asInt()).isEqualTo(5000);
        assertThat(day.path("sleep_quality").asInt()).isEqualTo(4);
        assertThat(day.path("notes").asText()).isEqualTo("long walk");
        assertThat(day.path("sleep").isNull()).isTrue();
        assertThat(texts(day.path("data_sources"))).containsExactly("manual");
        assertThat(texts(day.path("manual_fields"))).containsExactly("steps", "sleep_quality", "notes");
    }

    @Test
    void deviceOnly() {
        String token = server.token("device-only");
        TestServer.Response ingest = server.post("/api/v1/ingest/steps", token, steps("healthkit", "2026-11-20", 8123));
        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(200);
        assertThat(ingest.json().path("results").get(0).path("index").asInt()).isZero();
        assertThat(ingest.json().path("results").get(0).path("status").asText()).isEqualTo("stored");

        JsonNode day = day(token, "2026-11-20");
        assertThat(day.path("steps").asInt()).isEqualTo(8123);
        assertThat(texts(day.path("data_sources"))).containsExactly("healthkit");
        assertThat(texts(day.path("manual_fields"))).isEmpty();
    }

    @Test
    void manualThenDeviceKeepsManual() {
        String token = server.token("manual-then-device");
        server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 5000));

        TestServer.Response ingest = server.post("/api/v1/ingest/steps", token, steps("healthkit", "2026-11-20", 8123));

        assertThat(ingest.status()).isEqualTo(200);
        assertThat(ingest.json().path("results").get(0).path("status").asText()).isEqualTo("kept_manual");
        JsonNode day = day(token, "2026-11-20");
        assertThat(day.path("steps").asInt()).isEqualTo(5000);
        assertThat(texts(day.path("data_sources"))).containsExactly("manual", "healthkit");
        assertThat(texts(day.path("manual_fields"))).containsExactly("steps");
        assertThat(day.path("overridden").path("steps").path("value").asInt()).isEqualTo(8123);
        assertThat(day.path("overridden").path("steps").path("source").asText()).isEqualTo("healthkit");
    }

    @Test
    void deviceThenManualShowsManual() {
        String token = server.token("device-then-manual");
        server.post("/api/v1/ingest/steps", token, steps("healthkit", "2026-11-20", 8123));

        TestServer.Response put = server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 5000));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("steps").asInt()).isEqualTo(5000);
        JsonNode day = day(token, "2026-11-20");
        assertThat(day.path("steps").asInt()).isEqualTo(5000);
        assertThat(texts(day.path("data_sources"))).containsExactly("manual", "healthkit");
        assertThat(texts(day.path("manual_fields"))).containsExactly("steps");
        // A later ingest still does not overwrite it.
        TestServer.Response again = server.post("/api/v1/ingest/steps", token, steps("healthkit", "2026-11-20", 9999));
        assertThat(again.json().path("results").get(0).path("status").asText()).isEqualTo("kept_manual");
        assertThat(day(token, "2026-11-20").path("steps").asInt()).isEqualTo(5000);
    }

    @Test
    void sleepIsStoredWithItsDetailEvenUnderAManualValue() {
        String token = server.token("sleeper");
        server.put("/api/v1/entries/2026-11-20", token, Map.of("sleep_min", 400));
        Map<String, Object> night = Map.of(
                "date",
                "2026-11-20",
                "start",
                "2026-11-19T23:00:00Z",
                "end",
                "2026-11-20T06:11:00Z",
                "total_min",
                431,
                "deep_min",
                80,
                "light_min",
                250,
                "rem_min",
                90,
                "awake_min",
                11);

        TestServer.Response ingest =
                server.post("/api/v1/ingest/sleep", token, Map.of("source", "health_connect", "items", List.of(night)));

        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(200);
        assertThat(ingest.json().path("results").get(0).path("status").asText()).isEqualTo("kept_manual");
        JsonNode day = day(token, "2026-11-20");
        assertThat(day.path("sleep_min").asInt()).isEqualTo(400);
        assertThat(day.path("sleep").path("source").asText()).isEqualTo("health_connect");
        assertThat(day.path("sleep").path("total_min").asInt()).isEqualTo(431);
        assertThat(day.path("sleep").path("deep_min").asInt()).isEqualTo(80);
        assertThat(day.path("sleep").path("start").asText()).isEqualTo("2026-11-19T23:00:00Z");
        assertThat(texts(day.path("data_sources"))).containsExactly("manual", "health_connect");
    }

    @Test
    void mixedBatchIs207AndStoresTheGoodItemsOnly() {
        String token = server.token("mixed");
        List<Object> items = List.of(
                Map.of("date", "2026-11-01", "steps", 1000),
                Map.of("date", "2026-11-02", "steps", -1),
                Map.of("date", "2026-02-30", "steps", 500),
                "not an object",
                Map.of("date", "2026-11-05", "steps", "many"),
                Map.of("date", "2026-11-06", "steps", 200_001),
                Map.of("date", "2026-11-07", "steps", 7000));

        TestServer.Response response =
                server.post("/api/v1/ingest/steps", token, Map.of("source", "garmin", "items", items));

        assertThat(response.status()).as(response.toString()).isEqualTo(207);
        JsonNode results = response.json().path("results");
        assertThat(results).hasSize(7);
        assertThat(texts(statuses(results)))
                .containsExactly("stored", "error", "error", "error", "error", "error", "stored");
        assertThat(results.get(1).path("errors").get(0).path("field").asText()).isEqualTo("steps");
        assertThat(results.get(2).path("errors").get(0).path("field").asText()).isEqualTo("date");
        assertThat(results.get(4).path("errors").get(0).path("field").asText()).isEqualTo("steps");
        for (int i = 0; i < 7; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        JsonNode days = server.get("/api/v1/entries", token).json().path("items");
        assertThat(days).hasSize(2);
        assertThat(days.get(0).path("date").asText()).isEqualTo("2026-11-01");
        assertThat(days.get(1).path("date").asText()).isEqualTo("2026-11-07");
        assertThat(db.number("SELECT count(*) FROM daily_entries WHERE user_id = 'mixed'"))
                .isEqualTo(2);
    }

    @Test
    void badSleepItemsAreRefusedOneByOne() {
        String token = server.token("bad-sleeper");
        List<Object> items = List.of(
                Map.of(
                        "date",
                        "2026-11-20",
                        "start",
                        "2026-11-20T06:00:00Z",
                        "end",
                        "2026-11-19T23:00:00Z",
                        "total_min",
                        60),
                Map.of(
                        "date",
                        "2026-11-20",
                        "start",
                        "2026-11-19T06:00:00Z",
                        "end",
                        "2026-11-20T07:00:00Z",
                        "total_min",
                        60),
                Map.of(
                        "date",
                        "2026-11-20",
                        "start",
                        "2026-11-19T23:00:00Z",
                        "end",
                        "2026-11-20T06:00:00Z",
                        "total_min",
                        300,
                        "deep_min",
                        200,
                        "light_min",
                        200),
                Map.of("date", "2026-11-20", "start", "yesterday", "end", "2026-11-20T06:00:00Z", "total_min", 60),
                Map.of(
                        "date",
                        "2026-11-21",
                        "start",
                        "2026-11-20T23:00:00Z",
                        "end",
                        "2026-11-21T06:00:00Z",
                        "total_min",
                        420));

        TestServer.Response response =
                server.post("/api/v1/ingest/sleep", token, Map.of("source", "healthkit", "items", items));

        assertThat(response.status()).as(response.toString()).isEqualTo(207);
        assertThat(texts(statuses(response.json().path("results"))))
                .containsExactly("error", "error", "error", "error", "stored");
        assertThat(db.number("SELECT count(*) FROM sleep_records WHERE user_id = 'bad-sleeper'"))
                .isEqualTo(1);
    }

    @Test
    void reSentBatchChangesNothing() {
        String token = server.token("resender");
        Map<String, Object> batch = steps("healthkit", "2026-11-10", 100, "2026-11-11", 200, "2026-11-10", 150);
        assertThat(server.post("/api/v1/ingest/steps", token, batch).status()).isEqualTo(200);
        long version = db.version("resender");
        String updated = db.text("SELECT max(updated_at)::text FROM daily_entries WHERE user_id = 'resender'");
        String before = server.get("/api/v1/entries", token).body();

        TestServer.Response again = server.post("/api/v1/ingest/steps", token, batch);

        assertThat(again.status()).isEqualTo(200);
        assertThat(db.version("resender")).isEqualTo(version);
        assertThat(db.text("SELECT max(updated_at)::text FROM daily_entries WHERE user_id = 'resender'"))
                .isEqualTo(updated);
        assertThat(server.get("/api/v1/entries", token).body()).isEqualTo(before);
        assertThat(day(token, "2026-11-10").path("steps").asInt()).isEqualTo(150);
    }

    @Test
    void reSentManualEntryTakesNoVersion() {
        String token = server.token("re-putter");
        server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 10));
        long version = db.version("re-putter");
        assertThat(server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 10))
                        .status())
                .isEqualTo(200);
        assertThat(db.version("re-putter")).isEqualTo(version);
    }

    @Test
    void nullClearsAManualValueAndTheDeviceValueShowsAgain() {
        String token = server.token("clearer");
        server.post("/api/v1/ingest/steps", token, steps("garmin", "2026-11-20", 7000));
        server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 5000));
        String clear = "{\"steps\": null}";

        TestServer.Response put = server.put("/api/v1/entries/2026-11-20", token, clear);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("steps").asInt()).isEqualTo(7000);
        assertThat(texts(put.json().path("manual_fields"))).isEmpty();
    }

    @Test
    void historyIsOrderedAndBounded() {
        String token = server.token("historian");
        server.post(
                "/api/v1/ingest/steps", token, steps("healthkit", "2026-11-03", 3, "2026-11-01", 1, "2026-11-02", 2));
        JsonNode all = server.get("/api/v1/entries", token).json().path("items");
        assertThat(texts(dates(all))).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        JsonNode some = server.get("/api/v1/entries?from=2026-11-02&to=2026-11-03", token)
                .json()
                .path("items");
        assertThat(texts(dates(some))).containsExactly("2026-11-02", "2026-11-03");
    }

    @Test
    void usersAreIsolated() {
        String alice = server.token("iso-alice");
        String bob = server.token("iso-bob");
        server.post("/api/v1/ingest/steps", alice, steps("healthkit", "2026-11-20", 4242));
        server.put("/api/v1/entries/2026-11-21", alice, Map.of("notes", "private"));

        assertThat(server.get("/api/v1/entries", bob).json().path("items")).isEmpty();
        server.post("/api/v1/ingest/steps", bob, steps("healthkit", "2026-11-20", 1));
        assertThat(day(alice, "2026-11-20").path("steps").asInt()).isEqualTo(4242);
        assertThat(day(bob, "2026-11-20").path("steps").asInt()).isEqualTo(1);
    }

    @Test
    void badRequestsAreProblemsAndStoreNothing() {
        String token = server.token("bad-input");
        assertProblem(server.post("/api/v1/ingest/steps", token, "{not json"), 400);
        assertProblem(server.post("/api/v1/ingest/steps", token, "[]"), 400);
        assertProblem(server.post("/api/v1/ingest/steps", token, "{\"source\":\"fitbit\",\"items\":[]}"), 422);
        assertProblem(server.post("/api/v1/ingest/steps", token, "{\"items\":[]}"), 422);
        assertProblem(server.post("/api/v1/ingest/steps", token, "{\"source\":\"healthkit\",\"items\":{}}"), 422);
        assertProblem(
                server.post(
                        "/api/v1/ingest/steps", token, "{\"source\":\"healthkit\",\"source\":\"garmin\",\"items\":[]}"),
                400);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("date", "2026-11-20", "steps", i));
        }
        assertProblem(server.post("/api/v1/ingest/steps", token, Map.of("source", "healthkit", "items", tooMany)), 422);
        assertProblem(server.put("/api/v1/entries/2026-02-30", token, Map.of("steps", 1)), 400);
        assertProblem(server.put("/api/v1/entries/yesterday", token, Map.of("steps", 1)), 400);
        TestServer.Response invalid = server.put(
                "/api/v1/entries/2026-11-20",
                token,
                Map.of("steps", -1, "sleep_min", 2000, "sleep_quality", 0, "stepz", 3));
        assertProblem(invalid, 422);
        assertThat(texts(fields(invalid.json().path("errors"))))
                .containsExactlyInAnyOrder("steps", "sleep_min", "sleep_quality", "stepz");
        assertProblem(server.put("/api/v1/entries/2026-11-20", token, Map.of("notes", 5)), 422);
        assertProblem(server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 1.5)), 422);
        assertProblem(server.get("/api/v1/entries?from=2026-13-01", token), 400);
        assertProblem(server.get("/api/v1/entries?from=2026-11-02&to=2026-11-01", token), 400);

        assertThat(db.number("SELECT count(*) FROM daily_entries WHERE user_id = 'bad-input'"))
                .isZero();
        assertThat(db.version("bad-input")).isZero();
    }

    @Test
    void strangeInputNeverCausesAServerError() {
        String token = server.token("fuzzer");
        List<String> bodies = List.of(
                "null",
                "0",
                "\"x\"",
                "{}",
                "{\"source\":null,\"items\":null}",
                "{\"source\":\"healthkit\",\"items\":[null, 1, [], {\"date\": 20261120, \"steps\": 1e400}]}",
                "{\"source\":\"healthkit\",\"items\":[{\"date\":\"9999-12-31\",\"steps\":99999999999999999999}]}",
                "{\"source\":\"healthkit\",\"items\":[{\"date\":\"2026-11-20\",\"start\":\"+999999999-12-31T23:59:59Z\","
                        + "\"end\":\"-999999999-01-01T00:00:00Z\",\"total_min\":-5,\"deep_min\":\"a\"}]}",
                "{\"source\":\"healthkit\",\"items\":[{\"date\":\"2026-11-20\",\"start\":\"2026-11-20T00:00:00+14:00\","
                        + "\"end\":\"2026-11-20T08:00:00-12:00\",\"total_min\":1440}]}");
        for (String body : bodies) {
            for (String path : List.of("/api/v1/ingest/steps", "/api/v1/ingest/sleep")) {
                TestServer.Response response = server.post(path, token, body);
                assertThat(response.status())
                        .as(path + " " + body + " -> " + response)
                        .isLessThan(500);
            }
            TestServer.Response put = server.put("/api/v1/entries/2026-11-20", token, body);
            assertThat(put.status()).as("PUT " + body + " -> " + put).isLessThan(500);
        }
        assertThat(server.put("/api/v1/entries/2026-11-20", token, Map.of("notes", "\u0000 nul"))
                        .status())
                .isEqualTo(422);
        assertThat(server.get("/api/v1/entries?from=%00", token).status()).isLessThan(500);
    }

    @Test
    void ingestedItemsAreCountedByOutcome() {
        String token = server.token("counted");
        server.post(
                "/api/v1/ingest/steps",
                token,
                Map.of(
                        "source",
                        "health_connect",
                        "items",
                        List.of(Map.of("date", "2026-11-20", "steps", 1), Map.of("date", "bad", "steps", 1))));
        String metrics = server.get("/metrics", null).body();
        assertThat(metrics)
                .contains(
                        "fitsync_daily_ingest_items_total{kind=\"steps\",source=\"health_connect\",status=\"stored\"}");
        assertThat(metrics)
                .contains(
                        "fitsync_daily_ingest_items_total{kind=\"steps\",source=\"health_connect\",status=\"error\"}");
    }

    @Test
    void routesAreDocumented() {
        JsonNode paths = server.get("/openapi.json", null).json().path("paths");
        assertThat(paths.has("/api/v1/ingest/steps")).isTrue();
        assertThat(paths.has("/api/v1/ingest/sleep")).isTrue();
        assertThat(paths.has("/api/v1/entries/{date}")).isTrue();
        assertThat(paths.has("/api/v1/entries")).isTrue();
    }

    private static void assertProblem(TestServer.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private static JsonNode statuses(JsonNode results) {
        var array = server.json().createArrayNode();
        results.forEach(r -> array.add(r.path("status")));
        return array;
    }

    private static JsonNode dates(JsonNode items) {
        var array = server.json().createArrayNode();
        items.forEach(r -> array.add(r.path("date")));
        return array;
    }

    private static JsonNode fields(JsonNode errors) {
        var array = server.json().createArrayNode();
        errors.forEach(r -> array.add(r.path("field")));
        return array;
    }
}

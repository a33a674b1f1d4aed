package org.fitsync.adapter.http.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.adapter.http.Json;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;

/** A push body read in one pass: the values a client sent, every wrong field at once, malformed input refused. */
class PushRequestReaderTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    @Test
    void readsEveryKindOfValueInOrderAndTheCursor() throws IOException {
        PushRequestReader.PushRequest push = read("""
                {"ignored": {"deep": [1, {"x": 2}]},
                 "changes": {
                   "workouts": {
                     "created": [{"id": "w1", "name": "Run \\"easy\\"", "n": 5, "f": 2.5, "big": 1e400,
                                  "t": true, "b": false, "z": null, "arr": [1, [2]], "obj": {"a": {}}}],
                     "updated": null,
                     "deleted": ["d1", 7, {"not": "an id"}],
                     "extra": [1, 2]
                   },
                   "measurements": {"created": [], "updated": [{"id": "m1"}], "deleted": []}
                 },
                 "last_pulled_at": 1700000000000}""", Optional.empty());

        RawChanges.Section workouts = push.changes().collections().get("workouts");
        assertThat(push.changes().collections().keySet()).containsExactly("workouts", "measurements");
        assertThat(workouts.created()).hasSize(1);
        assertThat(workouts.created().get(0))
                .containsExactly(
                        Map.entry("id", new Value.Text("w1")),
                        Map.entry("name", new Value.Text("Run \"easy\"")),
                        Map.entry("n", new Value.Num(5)),
                        Map.entry("f", new Value.Num(2.5)),
                        Map.entry("big", Value.STRUCTURED),
                        Map.entry("t", new Value.Bool(true)),
                        Map.entry("b", new Value.Bool(false)),
                        Map.entry("z", Value.NULL),
                        Map.entry("arr", Value.STRUCTURED),
                        Map.entry("obj", Value.STRUCTURED));
        assertThat(workouts.updated()).isEmpty();
        assertThat(workouts.deleted()).containsExactly(new Value.Text("d1"), new Value.Num(7), Value.STRUCTURED);
        assertThat(push.changes().collections().get("measurements").updated())
                .containsExactly(Map.of("id", new Value.Text("m1")));
        assertThat(push.lastPulledAt()).contains(1_700_000_000_000L);
    }

    @Test
    void theCursorComesFromTheBodyElseFromTheQuery() throws IOException {
        assertThat(read("{\"changes\": {}, \"last_pulled_at\": 5}", Optional.of("9"))
                        .lastPulledAt())
                .contains(5L);
        assertThat(read("{\"changes\": {}, \"last_pulled_at\": 5.0}", Optional.empty())
                        .lastPulledAt())
                .contains(5L);
        assertThat(read("{\"changes\": {}}", Optional.of("9")).lastPulledAt()).contains(9L);
        // null in the body says "never pulled": the query does not override it.
        assertThat(read("{\"changes\": {}, \"last_pulled_at\": null}", Optional.of("9"))
                        .lastPulledAt())
                .isEmpty();
        assertThat(read("{\"changes\": {}}", Optional.empty()).lastPulledAt()).isEmpty();
    }

    @Test
    void aBadCursorIsNamed() {
        for (String cursor : List.of("5.5", "\"5\"", "true", "[5]", "{}", "1e30", "99999999999999999999")) {
            assertThat(fieldErrors("{\"changes\": {}, \"last_pulled_at\": " + cursor + "}"))
                    .as(cursor)
                    .containsExactly(new FieldError("last_pulled_at", "must be an integer cursor or null"));
        }
    }

    @Test
    void changesMustBeAnObject() {
        for (String body : List.of("{}", "{\"changes\": []}", "{\"changes\": null}", "{\"changes\": \"x\"}")) {
            assertThat(fieldErrors(body))
                    .as(body)
                    .containsExactly(new FieldError("changes", "is required and must be an object of collections"));
        }
    }

    @Test
    void everyWrongFieldIsReportedAtOnceBeforeTheCursor() {
        assertThat(fieldErrors("""
                        {"last_pulled_at": "soon",
                         "changes": {"a": [], "b": {"created": "x", "updated": [1, {"id": "u"}, "s"], "deleted": {}}}}"""))
                .containsExactly(
                        new FieldError("changes.a", "must be an object with created, updated and deleted"),
                        new FieldError("changes.b.created", "must be an array of records"),
                        new FieldError("changes.b.updated[0]", "must be an object"),
                        new FieldError("changes.b.updated[2]", "must be an object"),
                        new FieldError("changes.b.deleted", "must be an array of ids"));
    }

    @Test
    void malformedJsonAnywhereIsAParseErrorNotAShapeError() {
        // A wrong shape early in the body does not hide that the rest is not JSON.
        assertThatThrownBy(() -> read("{\"changes\": [], \"x\": [1,", Optional.empty()))
                .isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> read(
                        "{\"changes\": {\"w\": {\"created\": [{\"id\": \"a\", \"id\": \"b\"}]}}}", Optional.empty()))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field");
    }

    private static List<FieldError> fieldErrors(String body) {
        try {
            read(body, Optional.empty());
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(422);
            return e.problem().errors();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem for " + body);
    }

    private static PushRequestReader.PushRequest read(String body, Optional<String> query) throws IOException {
        try (JsonParser json = MAPPER.getFactory().createParser(body)) {
            assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return PushRequestReader.read(json, query);
        }
    }
}

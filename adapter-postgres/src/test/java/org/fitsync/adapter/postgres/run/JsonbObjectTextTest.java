package org.fitsync.adapter.postgres.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pushed run metadata: what the runs table can keep as a jsonb object, and what it must refuse. */
class JsonbObjectTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                " { } ",
                "{\"a\":1}",
                "{\"a\":[1,-2.5e10,0.1,true,false,null,\"x\"],\"b\":{\"c\":{}}}",
                "{\"emoji\":\"\\ud83c\\udfc3\",\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
                "{\"n\":-0,\"e\":1E+9999}",
                "{\"raw\":\"läuft 🏃\"}"
            })
    void acceptsObjectsPostgresStores(String text) {
        assertThat(JsonbObjectText.isObject(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "\"text\"",
                "1",
                "null",
                "{",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{a:1}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":1e}",
                "{\"a\":1e10000}",
                "{\"a\":tru}",
                "{} {}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u0000\"}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\udc00\"}",
                "{\"a\":\"\\ud800x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"open}",
                "{\"a\":NaN}",
                "{\"a\":+1}"
            })
    void refusesEverythingElse(String text) {
        assertThat(JsonbObjectText.isObject(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100, 101, 100_000})
    void boundsTheNesting(int depth) {
        String text = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertThat(JsonbObjectText.isObject(text)).isEqualTo(depth <= JsonbObjectText.MAX_DEPTH);
    }
}

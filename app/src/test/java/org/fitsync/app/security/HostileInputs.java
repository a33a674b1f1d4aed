package org.fitsync.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.Json;

/**
 * The hand-written hostile corpus: whole bodies that are broken in every way we could think of, and
 * every leaf of an endpoint's valid body replaced by every hostile value.
 */
public final class HostileInputs {

    /** A named request body. */
    // Only fed to fuzz and parameterized tests by name; never compared or hashed, so array identity is harmless.
    @SuppressWarnings("ArrayRecordComponent")
    public record Input(String name, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ObjectMapper JSON = Json.newMapper();
    private static final String MARK = "\"__hostile__\"";

    /** Raw JSON fragments that replace one value of a valid body. */
    static final Map<String, String> VALUES = values();

    private HostileInputs() {}

    private static Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("1e308", "1e308");
        values.put("-1e308", "-1e308");
        values.put("1e999", "1e999");
        values.put("minus-zero", "-0");
        values.put("minus-zero-float", "-0.0");
        values.put("negative", "-1");
        values.put("int-overflow", "2147483648");
        values.put("long-overflow", "9223372036854775808");
        values.put("huge-integer", "1" + "0".repeat(400));
        values.put("fraction", "1.5");
        values.put("tiny", "4.9e-324");
        values.put("number-as-string", "\"123\"");
        values.put("date-as-number", "20261120");
        values.put("true", "true");
        values.put("null", "null");
        values.put("empty-array", "[]");
        values.put("empty-object", "{}");
        values.put("empty-string", "\"\"");
        values.put("huge-string", "\"" + "x".repeat(1_000_000) + "\"");
        values.put("nul-escaped", "\"a\\u0000b\"");
        values.put("lone-surrogate", "\"\\ud800\"");
        values.put("sql", "\"'; DROP TABLE runs; --\"");
        values.put("like-wildcards", "\"%_\\\\\"");
        values.put("dollar-quote", "\"$$ SELECT 1 $$\"");
        values.put("unicode", "\"\u00e9\u4e2d\ud83c\udfc3\u200b\"");
        values.put("rtl-and-newlines", "\"\u202e\\r\\n\\t\"");
        values.put("bad-date", "\"2026-02-30\"");
        values.put("far-date", "\"+999999999-12-31\"");
        values.put("deep-array", "[".repeat(63) + "]".repeat(63));
        return values;
    }

    /** Bodies that no endpoint should accept, or accept only harmlessly. */
    public static List<Input> wholeBodies(String validBody) {
        List<Input> inputs = new ArrayList<>();
        add(inputs, "empty", "");
        add(inputs, "whitespace", "  \n ");
        add(inputs, "json-null", "null");
        add(inputs, "array", "[]");
        add(inputs, "string", "\"hello\"");
        add(inputs, "number", "1e308");
        add(inputs, "truncated", validBody.substring(0, validBody.length() / 2));
        add(inputs, "trailing-garbage", validBody + " {}");
        add(inputs, "comment", "/* hi */" + validBody);
        add(inputs, "nan", "{\"steps\": NaN, \"value\": Infinity}");
        add(inputs, "single-quotes", validBody.replace('"', '\''));
        add(inputs, "deep-arrays-10k", "[".repeat(10_000) + "]".repeat(10_000));
        add(inputs, "deep-objects-65", "{\"a\":".repeat(65) + "1" + "}".repeat(65));
        add(inputs, "deep-objects-100k", "{\"a\":".repeat(100_000));
        add(
                inputs,
                "duplicate-keys",
                "{\"notes\":\"a\",\"notes\":\"b\",\"source\":\"garmin\",\"source\":\"healthkit\"}");
        add(inputs, "duplicate-key-in-valid", validBody.replaceFirst("\\{", "{\"x\":1,\"x\":2,"));
        add(inputs, "unknown-fields", validBody.replaceFirst("\\{", "{\"__proto__\":{},\"constructor\":1,"));
        inputs.add(new Input("bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(validBody))));
        inputs.add(new Input(
                "invalid-utf8",
                concat(
                        utf8("{\"notes\":\""),
                        new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
                        utf8("\",\"code\":\"\u00ff\",\"source\":\"garmin\",\"items\":[]}"))));
        inputs.add(new Input(
                "invalid-utf8-in-valid",
                utf8(validBody.replaceFirst("\"", "\"\u0001")).clone()));
        inputs.add(new Input("raw-nul", concat(utf8("{\"notes\":\"a"), new byte[] {0}, utf8("b\"}"))));
        inputs.add(new Input("raw-nul-prefix", concat(new byte[] {0}, utf8(validBody))));
        inputs.add(new Input("utf16", validBody.getBytes(StandardCharsets.UTF_16)));
        add(
                inputs,
                "many-items",
                "{\"source\":\"garmin\",\"items\":["
                        + String.join(
                                ",", java.util.Collections.nCopies(1_001, "{\"date\":\"2026-11-20\",\"steps\":1}"))
                        + "]}");
        add(inputs, "huge-key", "{\"" + "k".repeat(2_000_000) + "\":1}");
        return inputs;
    }

    /** Each leaf of {@code validBody} (and each top-level value) replaced by each hostile value. */
    public static List<Input> leafVariations(String validBody) {
        JsonNode valid = read(validBody);
        List<String> paths = new ArrayList<>();
        collectLeaves(valid, "", paths);
        List<Input> inputs = new ArrayList<>();
        for (String path : paths) {
            for (Map.Entry<String, String> value : VALUES.entrySet()) {
                JsonNode copy = valid.deepCopy();
                replace(copy, path);
                String body = write(copy).replace(MARK, value.getValue());
                inputs.add(new Input(path + "=" + value.getKey(), utf8(body)));
            }
        }
        return inputs;
    }

    private static void collectLeaves(JsonNode node, String path, List<String> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collectLeaves(node.get(name), path + "/" + name, paths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), path + "/" + i, paths);
            }
        }
        if (!path.isEmpty()) {
            paths.add(path);
        }
    }

    private static void replace(JsonNode root, String path) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, cut));
        String last = path.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, TextNode.valueOf("__hostile__"));
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf("__hostile__"));
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Input> inputs, String name, String body) {
        inputs.add(new Input(name, utf8(body)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

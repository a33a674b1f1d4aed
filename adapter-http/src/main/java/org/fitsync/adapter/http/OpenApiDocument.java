package org.fitsync.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The OpenAPI document of the running server: a base document plus one fragment per route module,
 * merged once at start-up so each feature documents its own routes beside its code. Every operation
 * under {@code /api/} may be refused as overloaded, so each gets the shared {@code 503} response
 * unless its fragment documents a {@code 503} of its own.
 */
final class OpenApiDocument {

    private static final String BASE = "/openapi/base.json";
    private static final String OVERLOADED = "#/components/responses/Overloaded";

    private OpenApiDocument() {}

    static byte[] build(ObjectMapper mapper, List<String> fragments) {
        ObjectNode doc = (ObjectNode) load(mapper, BASE);
        for (String fragment : fragments) {
            JsonNode part = load(mapper, fragment);
            mergeObject(doc, "paths", part.path("paths"));
            ObjectNode components = doc.withObjectProperty("components");
            part.path("components")
                    .properties()
                    .forEach(section -> mergeObject(components, section.getKey(), section.getValue()));
        }
        addOverloadedResponses(doc);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addOverloadedResponses(ObjectNode doc) {
        doc.path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().forEach(operation -> {
                    JsonNode responses = operation.path("responses");
                    if (responses instanceof ObjectNode declared && !declared.has("503")) {
                        declared.putObject("503").put("$ref", OVERLOADED);
                    }
                });
            }
        });
    }

    private static void mergeObject(ObjectNode target, String field, JsonNode source) {
        if (source.isObject()) {
            ObjectNode into = target.withObjectProperty(field);
            source.properties().forEach(entry -> into.set(entry.getKey(), entry.getValue()));
        }
    }

    private static JsonNode load(ObjectMapper mapper, String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable OpenAPI resource " + resource, e);
        }
    }
}

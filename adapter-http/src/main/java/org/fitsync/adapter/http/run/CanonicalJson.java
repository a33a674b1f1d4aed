package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON text with object members sorted by name and no insignificant whitespace, so two spellings of
 * one object (member order, spacing) give one text and thus one content fingerprint.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String write(ObjectMapper mapper, JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator out, JsonNode node) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            for (String name : names) {
                out.writeFieldName(name);
                write(out, node.get(name));
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(out, element);
            }
            out.writeEndArray();
        } else {
            out.writeTree(node);
        }
    }
}

package org.fitsync.client.jvm.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Small JSON texts written and read with jackson-core's streaming API. Everything read was written by
 * this package, so text that does not parse is a damaged database, reported as an
 * {@link IllegalStateException}.
 */
final class JsonText {

    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    @FunctionalInterface
    interface Reading<T> {
        T read(JsonParser json) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    static String write(Writing writing) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    static <T> T read(String text, String what, Reading<T> reading) {
        try (JsonParser json = FACTORY.createParser(text)) {
            json.nextToken();
            T value = reading.read(json);
            if (json.nextToken() != null) {
                throw corrupted(what, "trailing content");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("the stored " + what + " is not valid JSON (damaged database?)", e);
        }
    }

    static IllegalStateException corrupted(String what, String problem) {
        return new IllegalStateException("the stored " + what + " is damaged: " + problem);
    }

    /** Requires the current token, for readers that walk a known shape. */
    static void expect(JsonParser json, JsonToken token, String what) {
        if (json.currentToken() != token) {
            throw corrupted(what, "expected " + token + " but found " + json.currentToken());
        }
    }
}

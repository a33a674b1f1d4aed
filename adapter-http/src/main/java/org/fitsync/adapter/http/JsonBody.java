package org.fitsync.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies as JSON within the configured size limit. Malformed JSON is a {@code 400};
 * a body past the limit is a {@code 413}, whether or not the client declared its length.
 */
public final class JsonBody {

    private final ObjectMapper mapper;
    private final long maxBytes;

    public JsonBody(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    public JsonNode readTree(Context ctx) {
        byte[] bytes = readBytes(ctx);
        if (bytes.length == 0) {
            throw ProblemException.badRequest("The request body is empty; a JSON document is required");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.badRequest("The request body is empty; a JSON document is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
    }

    /** Reads a JSON object; anything else (array, string, number) is a {@code 400}. */
    public JsonNode readObject(Context ctx) {
        JsonNode node = readTree(ctx);
        if (!node.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object");
        }
        return node;
    }

    /** Reads one JSON object token by token, for bodies too large or too hot to build a tree of. */
    @FunctionalInterface
    public interface ObjectReader<T> {
        /** Reads the object whose {@code START_OBJECT} is the parser's current token, to its end. */
        T read(JsonParser json) throws IOException;
    }

    /**
     * Reads a JSON object in one pass with {@code reader}: the same limits and the same {@code 400}s
     * as {@link #readObject}, without the tree. The reader throws its own problems for well-formed
     * input of the wrong shape.
     */
    public <T> T readObject(Context ctx, ObjectReader<T> reader) {
        byte[] bytes = readBytes(ctx);
        try (JsonParser json = mapper.getFactory().createParser(bytes)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw ProblemException.badRequest("The request body is empty; a JSON document is required");
            }
            if (first != JsonToken.START_OBJECT) {
                json.skipChildren(); // a malformed body is reported as malformed, not as the wrong shape
                throw ProblemException.badRequest("The request body must be a JSON object");
            }
            return reader.read(json);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
    }

    public <T> T read(Context ctx, Class<T> type) {
        JsonNode node = readObject(ctx);
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    public <T> T read(Context ctx, TypeReference<T> type) {
        JsonNode node = readTree(ctx);
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    public byte[] readBytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                return declaredLength(in, (int) declared);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
    }

    /**
     * A body of known length is read straight into one array of that size: a large body (a run's
     * track) is then copied once, not gathered in 8 KB pieces and copied again. The server ends the
     * stream at the declared length.
     */
    private static byte[] declaredLength(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read < length) {
            throw new IOException("the body ended before its declared length");
        }
        return bytes;
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.of(
                413,
                "body-too-large",
                "Request body too large",
                "The request body exceeds the limit of " + maxBytes + " bytes"));
    }

    private static ProblemException malformed(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            // Well-formed JSON with a value of the wrong type is invalid input, not malformed input.
            return ProblemException.invalid(fieldPath(mismatch), "has the wrong type");
        }
        // getOriginalMessage() leaves out the source excerpt, so the input is never echoed back.
        String detail = e.getOriginalMessage();
        if (detail != null && detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return ProblemException.badRequest("Malformed JSON: " + detail);
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

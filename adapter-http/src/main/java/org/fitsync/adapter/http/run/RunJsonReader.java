package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.run.FieldChange;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.Track;

/**
 * Reads run JSON into domain drafts, noting every field whose JSON type is wrong. The domain
 * checks the values; this class only knows JSON. Server-internal fields ({@code strava_id},
 * {@code weather}) are never taken from a request body.
 */
final class RunJsonReader {

    /**
     * PostgreSQL's jsonb writes numbers out in full ({@code 1e308} comes back as 309 digits), and the
     * API's parser refuses numbers longer than this when the run is read back; so metadata may not hold them.
     */
    private static final int MAX_PLAIN_NUMBER_LENGTH = 100;

    private final ObjectMapper mapper;

    RunJsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    record Read<T>(T value, List<FieldError> shapeErrors) {}

    /**
     * Reads a submitted run from the raw body. The track, nearly all of a run's bytes, is scanned
     * straight into points by {@link TrackScanner} when it has the common well-formed shape, else
     * streamed by {@link TrackStreamReader}; it is never built as a JSON tree. The other members are
     * read as a tree. Throws {@link JsonProcessingException} for malformed JSON.
     */
    Read<RunDraft> draft(byte[] body) throws IOException {
        Optional<Read<RunDraft>> fast = fastDraft(body);
        return fast.isPresent() ? fast.get() : generalDraft(body);
    }

    /**
     * The fast path: Jackson reads the members up to the track, the scanner the track, Jackson the
     * members after it (from a copy of the rest opened with a brace, so it parses as an object).
     * Empty whenever anything is unusual — no track array, a track the scanner gives up on, a
     * duplicate member, any JSON error — and then {@link #generalDraft} reads the body again and
     * answers exactly as it always has, errors included.
     */
    private Optional<Read<RunDraft>> fastDraft(byte[] body) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode members = mapper.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals("track")) {
                    members.set(name, mapper.readTree(parser));
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    return Optional.empty();
                }
                Optional<TrackScanner.Scanned> track = TrackScanner.scan(
                        body, (int) parser.currentTokenLocation().getByteOffset());
                if (track.isEmpty() || !restOfObject(body, track.get().end(), members)) {
                    return Optional.empty();
                }
                return Optional.of(draft(members, Optional.of(track.get().track())));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the members after the track into {@code members}; false if the rest is not simply the object's end. */
    private boolean restOfObject(byte[] body, int from, ObjectNode members) throws IOException {
        int i = from;
        while (i < body.length && isWhitespace(body[i])) {
            i++;
        }
        if (i < body.length && body[i] == '}') {
            for (i++; i < body.length; i++) {
                if (!isWhitespace(body[i])) {
                    return false;
                }
            }
            return true;
        }
        if (i >= body.length || body[i] != ',') {
            return false;
        }
        int next = i + 1;
        while (next < body.length && isWhitespace(body[next])) {
            next++;
        }
        if (next >= body.length || body[next] != '"') {
            return false; // e.g. a trailing comma, which "{" + rest would hide
        }
        byte[] rest = new byte[body.length - i];
        System.arraycopy(body, i + 1, rest, 1, body.length - i - 1);
        rest[0] = '{';
        try (JsonParser parser = mapper.getFactory().createParser(rest)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals("track") || members.has(name)) {
                    return false; // a duplicate: the general path reports it
                }
                parser.nextToken();
                members.set(name, mapper.readTree(parser));
            }
            return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The general path, for every body; package-private so tests can hold the fast path to it. */
    Read<RunDraft> generalDraft(byte[] body) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            parser.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAnObject();
            }
            ObjectNode members = mapper.createObjectNode();
            List<FieldError> trackErrors = new ArrayList<>();
            Optional<Track> track = Optional.empty();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("track") && value == JsonToken.START_ARRAY) {
                    track = TrackStreamReader.read(parser, trackErrors);
                } else {
                    members.set(name, mapper.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new NotAnObject();
            }
            Read<RunDraft> read = draft(members, track);
            List<FieldError> errors = new ArrayList<>(read.shapeErrors());
            errors.addAll(trackErrors);
            return new Read<>(read.value(), errors);
        }
    }

    /** The body is JSON but not one object. */
    static final class NotAnObject extends IOException {
        NotAnObject() {
            super("the request body must be one JSON object", null);
        }
    }

    private Read<RunDraft> draft(JsonNode body, Optional<Track> streamedTrack) {
        List<FieldError> errors = new ArrayList<>();
        RunDraft draft = new RunDraft(
                text(body, "id", errors),
                text(body, "started_at", errors),
                text(body, "ended_at", errors),
                integer(body, "duration_s", errors),
                number(body, "distance_m", errors),
                text(body, "source", errors),
                text(body, "notes", errors),
                object(body, "metadata", errors),
                streamedTrack.isPresent() ? streamedTrack : track(body, errors),
                Optional.empty(),
                Optional.empty(),
                SamplesJson.read(body, errors));
        return new Read<>(draft, errors);
    }

    Read<RunDetailsChange> change(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        FieldChange<String> notes = change(body, "notes", text(body, "notes", errors));
        FieldChange<String> metadata = change(body, "metadata", object(body, "metadata", errors));
        return new Read<>(new RunDetailsChange(notes, metadata), errors);
    }

    private static FieldChange<String> change(JsonNode body, String field, Optional<String> value) {
        if (!body.has(field)) {
            return new FieldChange.Keep<>();
        }
        return value.<FieldChange<String>>map(FieldChange.SetTo::new).orElseGet(FieldChange.Clear::new);
    }

    /** Absent and {@code null} both mean "not given". */
    private static Optional<JsonNode> present(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    private static Optional<String> text(JsonNode body, String field, List<FieldError> errors) {
        Optional<JsonNode> node = present(body, field);
        if (node.isPresent() && !node.get().isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        return node.map(JsonNode::textValue);
    }

    private static Optional<Long> integer(JsonNode body, String field, List<FieldError> errors) {
        Optional<JsonNode> node = present(body, field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = node.get();
        boolean whole = n.isIntegralNumber() || (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()));
        if (!whole || !n.canConvertToLong()) {
            errors.add(new FieldError(field, "must be a whole number"));
            return Optional.empty();
        }
        return Optional.of(n.longValue());
    }

    private static Optional<Double> number(JsonNode body, String field, List<FieldError> errors) {
        Optional<JsonNode> node = present(body, field);
        if (node.isPresent() && !node.get().isNumber()) {
            errors.add(new FieldError(field, "must be a number"));
            return Optional.empty();
        }
        return node.map(JsonNode::doubleValue);
    }

    private Optional<String> object(JsonNode body, String field, List<FieldError> errors) {
        Optional<JsonNode> node = present(body, field);
        if (node.isPresent() && !node.get().isObject()) {
            errors.add(new FieldError(field, "must be a JSON object"));
            return Optional.empty();
        }
        if (node.isPresent() && !storableNumbers(node.get())) {
            errors.add(new FieldError(
                    field,
                    "numbers must be finite and at most " + MAX_PLAIN_NUMBER_LENGTH + " characters written out"));
            return Optional.empty();
        }
        return node.map(n -> CanonicalJson.write(mapper, n));
    }

    private static boolean storableNumbers(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!storableNumbers(child)) {
                    return false;
                }
            }
            return true;
        }
        if (!node.isNumber()) {
            return true;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return false;
        }
        return node.decimalValue().toPlainString().length() <= MAX_PLAIN_NUMBER_LENGTH;
    }

    /** Arrays are streamed by {@link TrackStreamReader}; a track member seen here is null or not an array. */
    private static Optional<Track> track(JsonNode body, List<FieldError> errors) {
        if (present(body, "track").isPresent()) {
            errors.add(new FieldError("track", "must be an array of points"));
        }
        return Optional.empty();
    }
}

package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.ports.in.sync.Migration;

/** The pull's query parameters: malformed values are {@code 400}, well-formed but invalid ones {@code 422}. */
final class QueryParams {

    /** The largest page served; a bigger {@code limit} gets pages of this size (and {@code has_more}). */
    static final int MAX_LIMIT = 10_000;

    private QueryParams() {}

    /** Absent, empty, {@code 0} or {@code null} mean "never pulled". */
    static Optional<Long> cursor(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("null") || raw.equals("undefined")) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("last_pulled_at must be an integer or null");
        }
        if (value < 0) {
            throw ProblemException.invalid("last_pulled_at", "must not be negative");
        }
        return value == 0 ? Optional.empty() : Optional.of(value);
    }

    static void schemaVersion(String raw) {
        if (raw != null && !raw.isBlank() && !raw.equals("null")) {
            try {
                Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("schema_version must be an integer");
            }
        }
    }

    static OptionalInt limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return OptionalInt.empty();
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be an integer");
        }
        if (value < 1) {
            throw ProblemException.invalid("limit", "must be at least 1");
        }
        return OptionalInt.of((int) Math.min(value, MAX_LIMIT));
    }

    static Optional<Migration> migration(String raw, ObjectMapper mapper) {
        if (raw == null || raw.isBlank() || raw.equals("null")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (IOException e) {
            throw ProblemException.badRequest("migration must be JSON or null");
        }
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()
                || !node.path("from").canConvertToInt()
                || !node.path("from").isIntegralNumber()) {
            throw ProblemException.invalid("migration", "must be {\"from\": n, \"tables\": [...], \"columns\": [...]}");
        }
        List<String> tables = new ArrayList<>();
        JsonNode tableNodes = node.path("tables");
        if (!tableNodes.isMissingNode() && !tableNodes.isArray()) {
            throw ProblemException.invalid("migration.tables", "must be an array of table names");
        }
        tableNodes.forEach(t -> tables.add(t.asText()));
        Map<String, List<String>> columns = new LinkedHashMap<>();
        JsonNode columnNodes = node.path("columns");
        if (!columnNodes.isMissingNode() && !columnNodes.isArray()) {
            throw ProblemException.invalid("migration.columns", "must be an array of {table, columns}");
        }
        for (JsonNode entry : columnNodes) {
            if (!entry.path("table").isTextual() || !entry.path("columns").isArray()) {
                throw ProblemException.invalid("migration.columns", "must be an array of {table, columns}");
            }
            List<String> names = columns.computeIfAbsent(entry.get("table").textValue(), t -> new ArrayList<>());
            entry.get("columns").forEach(c -> names.add(c.asText()));
        }
        return Optional.of(new Migration(node.get("from").intValue(), tables, columns));
    }
}

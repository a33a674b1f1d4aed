package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PageKey;
import org.fitsync.ports.in.run.ListRunsQuery;
import org.fitsync.ports.in.run.RunPage;

/**
 * The parameters and shape of a run history page ({@code GET /api/v1/runs}), for every route that
 * serves one: the user's own, and a coach's view of a client's.
 */
public final class RunHistoryPages {

    private static final Instant EARLIEST_FILTER = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_FILTER = Instant.parse("9999-12-31T23:59:59Z");

    private final ObjectMapper mapper;
    private final RunJsonWriter writer;
    private final PageCursors cursors;

    public RunHistoryPages(ObjectMapper mapper, PageCursors cursors) {
        this.mapper = mapper;
        this.writer = new RunJsonWriter(mapper);
        this.cursors = cursors;
    }

    /**
     * Answers {@code ctx} with one page; {@code page} runs the command for the user it is given (empty
     * when there is nobody to read for: {@code nobody} is thrown), and {@code reader} names the reader
     * for cursors, so one reader's cursor is worthless to another.
     */
    public void respond(
            Context ctx,
            String reader,
            Function<Function<UserId, ListRunsQuery>, Optional<RunPage>> page,
            Supplier<? extends RuntimeException> nobody) {
        Optional<Instant> from = timeParam(ctx, "from");
        Optional<Instant> to = timeParam(ctx, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw ProblemException.badRequest("to must not be before from");
        }
        int limit = limitParam(ctx);
        boolean includeOverlapping = flagParam(ctx, "include_overlapping");
        String context = reader + "|" + from.map(Instant::toString).orElse("") + "|"
                + to.map(Instant::toString).orElse("") + "|" + includeOverlapping;
        Optional<PageKey> after = Optional.ofNullable(ctx.queryParam("cursor"))
                .map(cursor -> cursors.decode(cursor, context)
                        .orElseThrow(() -> ProblemException.badRequest("cursor is not valid for this query")));
        RunPage result = page.apply(user -> new ListRunsQuery(user, from, to, limit, after, includeOverlapping))
                .orElseThrow(nobody);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        result.items().forEach(run -> items.add(writer.run(run)));
        body.put(
                "next_cursor",
                result.next().map(key -> cursors.encode(key, context)).orElse(null));
        ctx.json(body);
    }

    private static Optional<Instant> timeParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            // Beyond what the database stores: refused here rather than failing in the query.
            if (instant.isBefore(EARLIEST_FILTER) || instant.isAfter(LATEST_FILTER)) {
                throw ProblemException.badRequest(name + " must be between the years 0001 and 9999");
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an RFC 3339 timestamp such as 2026-11-20T07:00:00Z");
        }
    }

    private static int limitParam(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return ListRunsQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= ListRunsQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit must be an integer from 1 to " + ListRunsQuery.MAX_LIMIT);
    }

    private static boolean flagParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest(name + " must be true or false");
    }
}

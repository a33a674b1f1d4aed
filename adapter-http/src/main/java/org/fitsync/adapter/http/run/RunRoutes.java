package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.FieldError;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.ports.in.run.DeleteRunUseCase;
import org.fitsync.ports.in.run.EditRunCommand;
import org.fitsync.ports.in.run.EditRunUseCase;
import org.fitsync.ports.in.run.GetRunUseCase;
import org.fitsync.ports.in.run.GetTrackUseCase;
import org.fitsync.ports.in.run.ListRunsQuery;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.ports.in.coach.CoachAccess;
import org.fitsync.adapter.http.auth.Caller;
import java.util.function.Function;
import org.fitsync.ports.in.run.RunPage;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;

/** The Runs endpoints of API.md. Another user's run is indistinguishable from a missing one: 404. */
public final class RunRoutes implements RouteModule {

    private static final String RUNS = "/api/v1/runs";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Instant EARLIEST_FILTER = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_FILTER = Instant.parse("9999-12-31T23:59:59Z");

    /** The use cases the routes call. */
    public record UseCases(SubmitRunUseCase submit, ListRunsUseCase list, GetRunUseCase get, GetTrackUseCase track,
                           EditRunUseCase edit, DeleteRunUseCase delete, ActForClientUseCase coaches) {}

    private final UseCases useCases;
    private final JsonBody jsonBody;
    private final RunJsonReader reader;
    private final RunJsonWriter writer;
    private final ObjectMapper mapper;
    private final PageCursors cursors;

    public RunRoutes(UseCases useCases, JsonBody jsonBody, ObjectMapper mapper, PageCursors cursors) {
        this.useCases = useCases;
        this.jsonBody = jsonBody;
        this.reader = new RunJsonReader(mapper);
        this.writer = new RunJsonWriter(mapper);
        this.mapper = mapper;
        this.cursors = cursors;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(RUNS, this::submit);
        routes.get(RUNS, this::list);
        routes.get(RUNS + "/{id}", this::get);
        routes.get(RUNS + "/{id}/track", this::track);
        routes.patch(RUNS + "/{id}", this::edit);
        routes.delete(RUNS + "/{id}", this::delete);
        routes.get("/api/v1/coach/clients/{id}/runs", this::clientRuns);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/runs.json");
    }

    private void submit(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        RunJsonReader.Read<RunDraft> read = readDraft(ctx);
        ValidationResult validation = RunValidation.validate(read.value(), read.shapeErrors());
        if (validation instanceof ValidationResult.Invalid invalid) {
            throw invalid(invalid.errors());
        }
        SubmitRunResult result = useCases.submit()
                .submit(new SubmitRunCommand(user, ((ValidationResult.Valid) validation).run()));
        if (result instanceof SubmitRunResult.Created created) {
            ctx.status(201).header("Location", RUNS + "/" + created.run().id()).json(writer.run(created.run()));
        } else if (result instanceof SubmitRunResult.AlreadyStored stored) {
            ctx.status(200).header("Location", RUNS + "/" + stored.run().id()).json(writer.run(stored.run()));
        } else if (result instanceof SubmitRunResult.ContentConflict conflict) {
            throw new ProblemException(Problem.conflict("run-id-conflict", "A run with id " + conflict.id()
                    + " was already submitted with different content").withExtension("run_id", conflict.id().toString()));
        } else if (result instanceof SubmitRunResult.DeletedBefore deleted) {
            throw new ProblemException(Problem.conflict("run-deleted", "The run with id " + deleted.id()
                    + " was deleted; its id cannot be used again").withExtension("run_id", deleted.id().toString()));
        } else if (result instanceof SubmitRunResult.StravaIdTaken taken) {
            throw new ProblemException(Problem.conflict("strava-activity-imported",
                    "Strava activity " + taken.stravaId() + " is already stored"));
        }
    }

    private RunJsonReader.Read<RunDraft> readDraft(Context ctx) {
        byte[] body = jsonBody.readBytes(ctx);
        if (body.length == 0) {
            throw ProblemException.badRequest("The request body is empty; a JSON document is required");
        }
        try {
            return reader.draft(body);
        } catch (RunJsonReader.NotAnObject e) {
            throw ProblemException.badRequest("The request body must be a JSON object");
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            throw ProblemException.badRequest("Malformed JSON: "
                    + (detail != null && detail.length() > 300 ? detail.substring(0, 300) + "…" : detail));
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
    }

    private void list(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        listRuns(ctx, user.value(), query -> Optional.of(useCases.list().list(query.apply(user))));
    }

    /** A coach reads a linked client's runs, as the client would; unlinked (or no such user) is 404. */
    private void clientRuns(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        String clientId = ctx.pathParam("id");
        if (!UserId.isValid(clientId)) {
            throw notYourClient();
        }
        UserId client = new UserId(clientId);
        // The cursor binds coach and client, so one coach's page cursor is worthless for another pair.
        listRuns(ctx, coach.user().value() + "|" + client.value(), query -> {
            CoachAccess<RunPage> access = useCases.coaches().actForClient(coach.user(), client,
                    subject -> useCases.list().list(query.apply(subject)));
            return access instanceof CoachAccess.Granted<RunPage> granted ? Optional.of(granted.value())
                    : Optional.empty();
        });
    }

    /**
     * GET /api/v1/runs's parameters and shape; {@code page} runs the query for the user it is given
     * (empty when there is nobody to read for), and {@code reader} names the reader for cursors.
     */
    private void listRuns(Context ctx, String reader,
                          Function<Function<UserId, ListRunsQuery>, Optional<RunPage>> page) {
        Optional<Instant> from = timeParam(ctx, "from");
        Optional<Instant> to = timeParam(ctx, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw ProblemException.badRequest("to must not be before from");
        }
        int limit = limitParam(ctx);
        boolean includeOverlapping = flagParam(ctx, "include_overlapping");
        String context = reader + "|" + from.map(Instant::toString).orElse("") + "|"
                + to.map(Instant::toString).orElse("") + "|" + includeOverlapping;
        Optional<PageKey> after = Optional.ofNullable(ctx.queryParam("cursor")).map(cursor -> cursors.decode(cursor, context)
                .orElseThrow(() -> ProblemException.badRequest("cursor is not valid for this query")));
        RunPage result = page.apply(user -> new ListRunsQuery(user, from, to, limit, after, includeOverlapping))
                .orElseThrow(RunRoutes::notYourClient);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        result.items().forEach(run -> items.add(writer.run(run)));
        body.put("next_cursor", result.next().map(key -> cursors.encode(key, context)).orElse(null));
        ctx.json(body);
    }

    private static ProblemException notYourClient() {
        return ProblemException.notFound("No such client");
    }

    private void get(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        StoredRun run = useCases.get().get(user, runId(ctx)).orElseThrow(RunRoutes::notFound);
        ctx.json(writer.run(run));
    }

    private void track(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        UUID id = runId(ctx);
        Track track = useCases.track().track(user, id).orElseThrow(RunRoutes::notFound);
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains(GpxWriter.CONTENT_TYPE)) {
            ctx.contentType(GpxWriter.CONTENT_TYPE).result(GpxWriter.write(id, track));
        } else {
            ctx.contentType("application/json").result(writer.track(track));
        }
    }

    private void edit(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        UUID id = runId(ctx);
        JsonNode body = jsonBody.readObject(ctx);
        RunJsonReader.Read<RunDetailsChange> read = reader.change(body);
        List<FieldError> errors = new ArrayList<>(read.shapeErrors());
        read.value().errors().stream().filter(e -> errors.stream().noneMatch(x -> x.field().equals(e.field())))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        StoredRun run = useCases.edit().edit(new EditRunCommand(user, id, read.value())).orElseThrow(RunRoutes::notFound);
        ctx.json(writer.run(run));
    }

    private void delete(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        if (!useCases.delete().delete(user, runId(ctx))) {
            throw notFound();
        }
        ctx.status(204);
    }

    /** A path id that is not a UUID names no run: 404, like any other missing run. */
    private static UUID runId(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw notFound();
        }
        return UUID.fromString(raw);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No such run");
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return ProblemException.invalid(errors.stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList());
    }

    private static Optional<Instant> timeParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
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

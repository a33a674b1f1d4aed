package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
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
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.ports.in.run.DeleteRunCommand;
import org.fitsync.ports.in.run.DeleteRunUseCase;
import org.fitsync.ports.in.run.EditRunCommand;
import org.fitsync.ports.in.run.EditRunUseCase;
import org.fitsync.ports.in.run.GetRunQuery;
import org.fitsync.ports.in.run.GetRunUseCase;
import org.fitsync.ports.in.run.GetTrackQuery;
import org.fitsync.ports.in.run.GetTrackUseCase;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;

/** The Runs endpoints of docs/api.md. Another user's run is indistinguishable from a missing one: 404. */
public final class RunRoutes implements RouteModule {

    private static final String RUNS = "/api/v1/runs";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The use cases the routes call. */
    public record UseCases(
            SubmitRunUseCase submit,
            ListRunsUseCase list,
            GetRunUseCase get,
            GetTrackUseCase track,
            EditRunUseCase edit,
            DeleteRunUseCase delete) {}

    private final UseCases useCases;
    private final JsonBody jsonBody;
    private final RunJsonReader reader;
    private final RunJsonWriter writer;
    private final RunHistoryPages pages;

    public RunRoutes(UseCases useCases, JsonBody jsonBody, ObjectMapper mapper, PageCursors cursors) {
        this.useCases = useCases;
        this.jsonBody = jsonBody;
        this.reader = new RunJsonReader(mapper);
        this.writer = new RunJsonWriter(mapper);
        this.pages = new RunHistoryPages(mapper, cursors);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(RUNS, this::submit);
        routes.get(RUNS, this::list);
        routes.get(RUNS + "/{id}", this::get);
        routes.get(RUNS + "/{id}/track", this::track);
        routes.patch(RUNS + "/{id}", this::edit);
        routes.delete(RUNS + "/{id}", this::delete);
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
        SubmitRunResult result =
                useCases.submit().submit(new SubmitRunCommand(user, ((ValidationResult.Valid) validation).run()));
        if (result instanceof SubmitRunResult.Created created) {
            ctx.status(201).header("Location", RUNS + "/" + created.run().id()).json(writer.run(created.run()));
        } else if (result instanceof SubmitRunResult.AlreadyStored stored) {
            ctx.status(200).header("Location", RUNS + "/" + stored.run().id()).json(writer.run(stored.run()));
        } else if (result instanceof SubmitRunResult.ContentConflict conflict) {
            throw new ProblemException(Problem.conflict(
                            "run-id-conflict",
                            "A run with id " + conflict.id() + " was already submitted with different content")
                    .withExtension("run_id", conflict.id().toString()));
        } else if (result instanceof SubmitRunResult.DeletedBefore deleted) {
            throw new ProblemException(Problem.conflict(
                            "run-deleted",
                            "The run with id " + deleted.id() + " was deleted; its id cannot be used again")
                    .withExtension("run_id", deleted.id().toString()));
        } else if (result instanceof SubmitRunResult.StravaIdTaken taken) {
            throw new ProblemException(Problem.conflict(
                    "strava-activity-imported", "Strava activity " + taken.stravaId() + " is already stored"));
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
        pages.respond(
                ctx,
                user.value(),
                command -> Optional.of(useCases.list().list(command.apply(user))),
                () -> new IllegalStateException("a user's own history always has a reader"));
    }

    private void get(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        StoredRun run = useCases.get().get(new GetRunQuery(user, runId(ctx))).orElseThrow(RunRoutes::notFound);
        ctx.json(writer.run(run));
    }

    private void track(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        UUID id = runId(ctx);
        RunRecording recording =
                useCases.track().track(new GetTrackQuery(user, id)).orElseThrow(RunRoutes::notFound);
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains(GpxWriter.CONTENT_TYPE)) {
            ctx.contentType(GpxWriter.CONTENT_TYPE).result(GpxWriter.write(id, recording));
        } else if (accept.contains(TcxWriter.CONTENT_TYPE)) {
            // The lap needs the run's duration and distance; a run deleted in between is as missing.
            StoredRun run = useCases.get().get(new GetRunQuery(user, id)).orElseThrow(RunRoutes::notFound);
            ctx.contentType(TcxWriter.CONTENT_TYPE).result(TcxWriter.write(run, recording));
        } else {
            ctx.contentType("application/json").result(writer.track(recording));
        }
    }

    private void edit(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        UUID id = runId(ctx);
        JsonNode body = jsonBody.readObject(ctx);
        RunJsonReader.Read<RunDetailsChange> read = reader.change(body);
        List<FieldError> errors = new ArrayList<>(read.shapeErrors());
        read.value().errors().stream()
                .filter(e -> errors.stream().noneMatch(x -> x.field().equals(e.field())))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        StoredRun run =
                useCases.edit().edit(new EditRunCommand(user, id, read.value())).orElseThrow(RunRoutes::notFound);
        ctx.json(writer.run(run));
    }

    private void delete(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        if (!useCases.delete().delete(new DeleteRunCommand(user, runId(ctx)))) {
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
        return ProblemException.invalid(
                errors.stream().map(e -> new FieldError(e.field(), e.message())).toList());
    }
}

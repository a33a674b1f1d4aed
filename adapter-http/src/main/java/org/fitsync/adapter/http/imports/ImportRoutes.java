package org.fitsync.adapter.http.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.admission.RequestClass;
import org.fitsync.adapter.http.sse.AsyncEventStreams;
import org.fitsync.adapter.http.sse.EventStreamResponse;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportRange;
import org.fitsync.ports.in.imports.CancelImportCommand;
import org.fitsync.ports.in.imports.CancelImportUseCase;
import org.fitsync.ports.in.imports.GetImportQuery;
import org.fitsync.ports.in.imports.GetImportUseCase;
import org.fitsync.ports.in.imports.ListImportsQuery;
import org.fitsync.ports.in.imports.ListImportsUseCase;
import org.fitsync.ports.in.imports.StartImportCommand;
import org.fitsync.ports.in.imports.StartImportUseCase;
import org.fitsync.ports.in.imports.WatchImportQuery;
import org.fitsync.ports.in.imports.WatchImportUseCase;

/** {@code /api/v1/imports}: start, list, poll, follow live (SSE) and cancel imports. */
public final class ImportRoutes implements RouteModule {

    private static final String EVENTS = "/api/v1/imports/{id}/events";

    /** A progress stream ends after this even if its import has not: the client reconnects. */
    private static final Duration MAX_STREAM = Duration.ofHours(2);

    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** The use cases behind these routes. */
    public record UseCases(
            StartImportUseCase start,
            ListImportsUseCase list,
            GetImportUseCase get,
            CancelImportUseCase cancel,
            WatchImportUseCase watch) {}

    private final UseCases useCases;
    private final JsonBody jsonBody;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final AsyncEventStreams streams = new AsyncEventStreams("import-events");

    /** {@code heartbeat}: how often a progress stream re-reads its import and sends a heartbeat comment. */
    public ImportRoutes(UseCases useCases, JsonBody jsonBody, ObjectMapper json, Duration heartbeat) {
        this.useCases = useCases;
        this.jsonBody = jsonBody;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/imports", this::startImport);
        routes.get("/api/v1/imports", this::list);
        routes.get("/api/v1/imports/{id}", this::one);
        routes.get(EVENTS, this::events);
        routes.post("/api/v1/imports/{id}/cancel", this::cancelImport);
    }

    @Override
    public Map<String, RequestClass> getClasses() {
        return Map.of(EVENTS, RequestClass.EVENTS);
    }

    /** Ends every open progress stream, so that the server's graceful stop does not wait on them. */
    @Override
    public void stopping() {
        streams.endAll();
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/imports.json");
    }

    private void startImport(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        JsonNode body = jsonBody.readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        JsonNode provider = body.path("provider");
        if (!provider.isTextual() || !StartImportUseCase.PROVIDERS.contains(provider.asText())) {
            errors.add(new FieldError("provider", "must be one of " + StartImportUseCase.PROVIDERS));
        }
        Optional<Instant> after = instant(body, "after", errors);
        Optional<Instant> before = instant(body, "before", errors);
        if (errors.isEmpty()
                && after.isPresent()
                && before.isPresent()
                && !after.get().isBefore(before.get())) {
            errors.add(new FieldError("after", "must be earlier than before"));
        }
        boolean archive = StartImportUseCase.STRAVA_ARCHIVE.equals(provider.asText());
        Optional<FileId> file = fileId(body, archive, errors);
        if (archive && (after.isPresent() || before.isPresent())) {
            errors.add(new FieldError(after.isPresent() ? "after" : "before", "an archive import takes no range"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var command = new StartImportCommand(user, provider.asText(), new ImportRange(after, before), file);
        StartImportUseCase.StartOutcome outcome = useCases.start().start(command);
        if (outcome instanceof StartImportUseCase.StartOutcome.AlreadyActive active) {
            throw new ProblemException(Problem.conflict("import-in-progress", "An import is already queued or running")
                    .withExtension("import_id", active.active().toString()));
        }
        if (outcome instanceof StartImportUseCase.StartOutcome.FileNotUsable unusable) {
            throw ProblemException.invalid(List.of(new FieldError("file_id", unusable.detail())));
        }
        if (outcome instanceof StartImportUseCase.StartOutcome.NotConnected) {
            throw new ProblemException(Problem.conflict(
                    "strava-not-connected", "Connect Strava first: GET /api/v1/integrations/strava/authorize"));
        }
        ImportJob job = ((StartImportUseCase.StartOutcome.Started) outcome).job();
        ctx.status(202).header("Location", "/api/v1/imports/" + job.id()).json(ImportResource.of(job));
    }

    /** {@code file_id}: required for an archive import, refused for any other. */
    private static Optional<FileId> fileId(JsonNode body, boolean archive, List<FieldError> errors) {
        JsonNode node = body.path("file_id");
        boolean absent = node.isMissingNode() || node.isNull();
        if (!archive) {
            if (!absent) {
                errors.add(new FieldError("file_id", "only a strava_archive import takes a file"));
            }
            return Optional.empty();
        }
        Optional<FileId> id = node.isTextual() ? FileId.parse(node.asText()) : Optional.empty();
        if (id.isEmpty()) {
            errors.add(new FieldError("file_id", "must be the UUID of an uploaded zip file"));
        }
        return id;
    }

    private static Optional<Instant> instant(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp"));
            return Optional.empty();
        }
        try {
            Instant value = java.time.OffsetDateTime.parse(node.asText()).toInstant();
            // Strava takes epoch seconds; nothing was recorded before 1970 or will be after 2100.
            if (value.isBefore(Instant.EPOCH) || value.isAfter(LATEST)) {
                errors.add(new FieldError(field, "must be between 1970 and 2100"));
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp"));
            return Optional.empty();
        }
    }

    /**
     * {@code GET /api/v1/imports/{id}/events}: Server-Sent Events (docs/api.md, Imports). The current
     * state at once, then a {@code progress} event whenever the import changed on any node, heartbeat
     * comments in between; the stream ends after the event that shows a terminal state, or after
     * {@link #MAX_STREAM}. Served asynchronously: once the first event is out no thread waits on it.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the clean-up after the stream cannot fail
    private void events(Context ctx) throws IOException {
        UserId user = Authentication.caller(ctx).user();
        ImportId id = id(ctx);
        GetImportQuery query = new GetImportQuery(user, id);
        ImportEventStream stream = new ImportEventStream(useCases.get(), query, json);
        // Watch first, then read: a change between the two is not missed.
        WatchImportUseCase.Watch watching = useCases.watch()
                .watch(new WatchImportQuery(user, id), stream::changed)
                .orElseThrow(ImportRoutes::notFound);
        ImportJob current;
        try {
            current = useCases.get().get(query).orElseThrow(ImportRoutes::notFound);
        } catch (RuntimeException e) {
            watching.close();
            throw e;
        }
        EventStreamResponse response = streams.open(ctx);
        response.ended().whenComplete((ignored, failure) -> watching.close());
        stream.start(response, current, heartbeat, MAX_STREAM);
        // The request ends when the stream does; until then no thread waits on it.
        ctx.future(response::ended);
    }

    private void list(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ctx.json(Map.of(
                "items",
                useCases.list().list(new ListImportsQuery(user)).stream()
                        .map(ImportResource::of)
                        .toList()));
    }

    private void one(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ctx.json(ImportResource.of(
                useCases.get().get(new GetImportQuery(user, id(ctx))).orElseThrow(ImportRoutes::notFound)));
    }

    private void cancelImport(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        CancelImportUseCase.CancelOutcome outcome = useCases.cancel().cancel(new CancelImportCommand(user, id(ctx)));
        if (outcome instanceof CancelImportUseCase.CancelOutcome.Cancelled cancelled) {
            ctx.status(202).json(ImportResource.of(cancelled.job()));
        } else if (outcome instanceof CancelImportUseCase.CancelOutcome.AlreadyFinished finished) {
            throw new ProblemException(Problem.conflict(
                    "import-finished",
                    "The import is already " + finished.job().state().wireName()));
        } else {
            throw notFound();
        }
    }

    /** A path id that is not a UUID names no import: 404, like any import the user does not have. */
    private static ImportId id(Context ctx) {
        return ImportId.parse(ctx.pathParam("id")).orElseThrow(ImportRoutes::notFound);
    }

    static ProblemException notFound() {
        return ProblemException.notFound("No such import");
    }
}

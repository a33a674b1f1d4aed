package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.sync.Conflict;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.in.sync.PullOutcome;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushChangesUseCase;
import org.fitsync.ports.in.sync.PushOutcome;

/** {@code GET} and {@code POST /api/v1/sync}: WatermelonDB's pull and push (docs/api.md, "Sync"). */
public final class SyncRoutes implements RouteModule {

    static final String PATH = "/api/v1/sync";

    private final PullChangesUseCase pull;
    private final PushChangesUseCase push;
    private final JsonBody body;
    private final ObjectMapper mapper;

    public SyncRoutes(PullChangesUseCase pull, PushChangesUseCase push, JsonBody body, ObjectMapper mapper) {
        this.pull = pull;
        this.push = push;
        this.body = body;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::pull);
        routes.post(PATH, this::push);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/sync.json");
    }

    private void pull(Context ctx) throws IOException {
        UserId user = Authentication.caller(ctx).user();
        Optional<Long> cursor = QueryParams.cursor(ctx.queryParam("last_pulled_at"));
        QueryParams.schemaVersion(ctx.queryParam("schema_version"));
        PullChangesQuery query = new PullChangesQuery(
                user,
                cursor,
                QueryParams.migration(ctx.queryParam("migration"), mapper),
                QueryParams.limit(ctx.queryParam("limit")));
        StreamingPullWriter writer = new StreamingPullWriter(() -> {
            ctx.status(200).contentType("application/json");
            return mapper.getFactory().createGenerator(ctx.res().getOutputStream(), JsonEncoding.UTF8);
        });
        PullOutcome outcome;
        try {
            outcome = pull.pull(query, writer);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away mid-stream
        } finally {
            writer.close();
        }
        if (outcome instanceof PullOutcome.Invalid invalid) {
            throw invalid(invalid.violations());
        }
    }

    private void push(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        JsonNode request = body.readObject(ctx);
        PushChangesCommand command = new PushChangesCommand(
                user,
                PushRequestReader.changes(request),
                PushRequestReader.lastPulledAt(request, Optional.ofNullable(ctx.queryParam("last_pulled_at"))));
        PushOutcome outcome = push.push(command);
        if (outcome instanceof PushOutcome.Invalid invalid) {
            throw invalid(invalid.violations());
        }
        PushOutcome.Pushed pushed = (PushOutcome.Pushed) outcome;
        ObjectNode response = mapper.createObjectNode();
        response.put("timestamp", pushed.timestamp());
        ArrayNode conflicts = response.putArray("conflicts");
        for (Conflict conflict : pushed.conflicts()) {
            conflicts
                    .addObject()
                    .put("table", conflict.table())
                    .put("id", conflict.id().value())
                    .put("winner", conflict.winner().label());
        }
        ObjectNode rejected = response.putObject("experimentalRejectedIds");
        pushed.rejectedIds().forEach((table, ids) -> {
            ArrayNode list = rejected.putArray(table);
            ids.forEach(id -> list.add(id.value()));
        });
        ctx.status(200).json(response);
    }

    private static ProblemException invalid(List<FieldError> violations) {
        return ProblemException.invalid(violations.stream()
                .map(v -> new FieldError(v.field(), v.message()))
                .toList());
    }
}

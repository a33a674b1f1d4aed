package org.fitsync.adapter.http.sync;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.admission.AdmissionControl;
import org.fitsync.adapter.http.admission.RequestClass;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.sync.Conflict;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.in.sync.PullOutcome;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushChangesUseCase;
import org.fitsync.ports.in.sync.PushOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET} and {@code POST /api/v1/sync}: WatermelonDB's pull and push (docs/api.md, "Sync"). */
public final class SyncRoutes implements RouteModule {

    static final String PATH = "/api/v1/sync";

    private static final Logger LOG = LoggerFactory.getLogger(SyncRoutes.class);
    /** A pull response up to this size stays on the heap; a larger one is spooled to a file. */
    private static final int SPOOL_MEMORY_BYTES = 64 * 1024;

    private final PullChangesUseCase pull;
    private final PushChangesUseCase push;
    private final JsonBody body;
    private final ObjectMapper mapper;
    private final Path spoolDirectory;

    /** {@code spoolDirectory}: where pull responses too large for the heap wait for their client. */
    public SyncRoutes(
            PullChangesUseCase pull, PushChangesUseCase push, JsonBody body, ObjectMapper mapper, Path spoolDirectory) {
        this.pull = pull;
        this.push = push;
        this.body = body;
        this.mapper = mapper;
        this.spoolDirectory = spoolDirectory;
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

    @Override
    public Map<String, RequestClass> getClasses() {
        return Map.of(PATH, RequestClass.PULL);
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
        // The pull is read into a spool inside its snapshot and sent only once the snapshot is
        // closed, so its database connection is never held while a slow client reads (docs/adr/0024).
        try (PullSpool spool = new PullSpool(spoolDirectory, SPOOL_MEMORY_BYTES)) {
            StreamingPullWriter writer = new StreamingPullWriter(
                    () -> mapper.getFactory().createGenerator(spool.output(), JsonEncoding.UTF8));
            PullOutcome outcome = pull.pull(query, writer);
            writer.close();
            AdmissionControl.endDatabasePhase(ctx);
            if (outcome instanceof PullOutcome.Invalid invalid) {
                throw invalid(invalid.violations());
            }
            ctx.status(200).contentType("application/json");
            ctx.res().setContentLengthLong(spool.size());
            try {
                spool.sendTo(ctx.res().getOutputStream());
            } catch (IOException e) {
                // The client went away mid-response: nothing is left to tell it, and nothing is held.
                LOG.debug("Pull response not delivered: {}", e.toString());
            }
        }
    }

    private void push(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        Optional<String> queryCursor = Optional.ofNullable(ctx.queryParam("last_pulled_at"));
        PushRequestReader.PushRequest request = body.readObject(ctx, json -> PushRequestReader.read(json, queryCursor));
        PushChangesCommand command = new PushChangesCommand(user, request.changes(), request.lastPulledAt());
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

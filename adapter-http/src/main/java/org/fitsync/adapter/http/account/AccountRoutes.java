package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.sync.SyncRecordFiles;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.account.EraseAccountCommand;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.slf4j.MDC;

/**
 * The caller's own data (docs/api.md, Your data): {@code DELETE /api/v1/me} erases the account
 * everywhere, {@code GET /api/v1/me/export.zip} streams all of it as one zip.
 */
public final class AccountRoutes implements RouteModule {

    private static final String ME = "/api/v1/me";
    private static final String EXPORT = "/api/v1/me/export.zip";

    /** The use cases behind these routes. */
    public record UseCases(EraseAccountUseCase erase, ExportAccountUseCase export, PullChangesUseCase pull) {}

    private final EraseAccountUseCase erase;
    private final ExportAccountUseCase export;
    private final PullChangesUseCase pull;
    private final JsonBody body;
    private final ObjectMapper mapper;
    private final Path spool;

    /** {@code spool}: where an export's sync records wait while the zip is written (the pull spool's directory). */
    public AccountRoutes(UseCases useCases, JsonBody body, ObjectMapper mapper, Path spool) {
        this.erase = useCases.erase();
        this.export = useCases.export();
        this.pull = useCases.pull();
        this.body = body;
        this.mapper = mapper;
        this.spool = spool;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.delete(ME, this::erase);
        routes.get(EXPORT, this::export);
    }

    /**
     * Written while it is read: the runs come page by page, so memory stays bounded whatever the
     * account's size. A failure after the first bytes can only cut the zip short (its central
     * directory is missing, so no unzip takes it for complete).
     */
    private void export(Context ctx) throws IOException {
        UserId user = Authentication.caller(ctx).user();
        Files.createDirectories(spool);
        try (SyncRecordFiles sync = new SyncRecordFiles(spool, mapper)) {
            // A first sync's pull: every live record of every collection, from one snapshot.
            pull.pull(new PullChangesQuery(user, Optional.empty(), Optional.empty(), OptionalInt.empty()), sync);
            ctx.status(200)
                    .contentType("application/zip")
                    .header("Content-Disposition", "attachment; filename=\"fitsync-export.zip\"")
                    .header("Cache-Control", "no-store");
            try (AccountExportZip zip = new AccountExportZip(ctx.outputStream(), mapper)) {
                export.export(user, zip);
                new TreeMap<>(sync.files())
                        .forEach((collection, file) -> zip.file("sync/" + collection + ".json", file));
            }
        }
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/me.json");
    }

    private void erase(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        // The log of an erasure names nobody: neither its own line nor this request's access log line.
        MDC.remove("user_id");
        JsonNode confirm = body.readObject(ctx).get("confirm");
        if (confirm == null || !confirm.isTextual()) {
            throw ProblemException.invalid("confirm", "is required: your user id, to confirm the erasure");
        }
        Outcome outcome = erase.erase(new EraseAccountCommand(user, confirm.textValue()));
        if (!(outcome instanceof Outcome.Erased erased)) {
            throw ProblemException.invalid("confirm", "is not your user id; nothing was erased");
        }
        ObjectNode json = mapper.createObjectNode();
        json.put("erased", true);
        json.put("strava", erased.provider().name().toLowerCase(Locale.ROOT));
        if (erased.provider() == EraseAccountUseCase.ProviderRevocation.FAILED
                || erased.provider() == EraseAccountUseCase.ProviderRevocation.NOT_CONFIGURED) {
            json.put(
                    "strava_detail",
                    "Strava could not be told; the connection is erased here, but revoke FitSync's access"
                            + " in Strava's settings (My Apps) yourself");
        }
        ObjectNode rows = json.putObject("rows");
        new TreeMap<>(erased.rows()).forEach(rows::put);
        json.put("files_deleted", erased.blobsDeleted());
        json.put("files_not_deleted", erased.blobsNotDeleted());
        ctx.json(json);
    }
}

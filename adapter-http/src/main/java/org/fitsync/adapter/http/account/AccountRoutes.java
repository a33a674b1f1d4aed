package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.account.EraseAccountCommand;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.slf4j.MDC;

/**
 * The caller's own data (docs/api.md, Your data): {@code DELETE /api/v1/me} erases the account
 * everywhere, {@code GET /api/v1/me/export.zip} streams all of it as one zip.
 */
public final class AccountRoutes implements RouteModule {

    private static final String ME = "/api/v1/me";
    private static final String EXPORT = "/api/v1/me/export.zip";

    private final EraseAccountUseCase erase;
    private final ExportAccountUseCase export;
    private final JsonBody body;
    private final ObjectMapper mapper;

    public AccountRoutes(EraseAccountUseCase erase, ExportAccountUseCase export, JsonBody body, ObjectMapper mapper) {
        this.erase = erase;
        this.export = export;
        this.body = body;
        this.mapper = mapper;
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
        ctx.status(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"fitsync-export.zip\"")
                .header("Cache-Control", "no-store");
        try (AccountExportZip zip = new AccountExportZip(ctx.outputStream(), mapper)) {
            export.export(user, zip);
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

package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.SignedLinkParameters;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.ExportId;
import org.fitsync.ports.in.account.DownloadAccountExportUseCase;
import org.fitsync.ports.in.account.EraseAccountCommand;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.in.account.EraseAccountUseCase.Outcome;
import org.fitsync.ports.in.account.GetAccountExportUseCase;
import org.fitsync.ports.in.account.RequestAccountExportUseCase;
import org.slf4j.MDC;

/**
 * The caller's own data (docs/api.md, Your data): {@code DELETE /api/v1/me} erases the account
 * everywhere; {@code POST /api/v1/me/export} starts an export job, {@code GET /api/v1/me/export/{id}}
 * follows it and, once it is done, hands out a signed link that expires, through which
 * {@code GET /api/v1/exports/{id}/download} serves the zip without a bearer token, on any node.
 */
public final class AccountRoutes implements RouteModule {

    private static final String ME = "/api/v1/me";
    private static final String EXPORTS = "/api/v1/me/export";
    private static final String DOWNLOAD = "/api/v1/exports/{id}/download";

    /** The use cases behind these routes. */
    public record UseCases(
            EraseAccountUseCase erase,
            RequestAccountExportUseCase requestExport,
            GetAccountExportUseCase getExport,
            DownloadAccountExportUseCase downloadExport) {}

    private final UseCases useCases;
    private final JsonBody body;
    private final ObjectMapper mapper;

    public AccountRoutes(UseCases useCases, JsonBody body, ObjectMapper mapper) {
        this.useCases = useCases;
        this.body = body;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.delete(ME, this::erase);
        routes.post(EXPORTS, this::requestExport);
        routes.get(EXPORTS + "/{id}", this::getExport);
        routes.get(DOWNLOAD, this::download);
    }

    /** The download link is its own credential: signed over the export, its user and its expiry. */
    @Override
    public Set<String> publicRoutes() {
        return Set.of("GET " + DOWNLOAD);
    }

    private void requestExport(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        RequestAccountExportUseCase.Requested requested =
                useCases.requestExport().request(user);
        ctx.status(requested instanceof RequestAccountExportUseCase.Requested.Started ? 202 : 200)
                .header("Location", EXPORTS + "/" + requested.job().id())
                .json(ExportResource.of(requested.job(), Optional.empty()));
    }

    private void getExport(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        GetAccountExportUseCase.ExportView view = ExportId.parse(ctx.pathParam("id"))
                .flatMap(id -> useCases.getExport().get(user, id))
                .orElseThrow(() -> ProblemException.notFound("No such export"));
        ctx.header("Cache-Control", "no-store").json(ExportResource.of(view.job(), view.download()));
    }

    /**
     * Whatever is wrong with a link (incomplete, tampered with, expired, another export's, or the
     * export is gone) the answer is the same 404, so a link tells nothing about any other export.
     */
    private void download(Context ctx) {
        Optional<ExportId> id = ExportId.parse(ctx.pathParam("id"));
        Optional<UserId> user = SignedLinkParameters.user(ctx);
        Optional<Instant> expires = SignedLinkParameters.expires(ctx);
        String signature = ctx.queryParam("signature");
        if (id.isEmpty() || user.isEmpty() || expires.isEmpty() || signature == null) {
            throw noSuchLink();
        }
        DownloadAccountExportUseCase.ExportDownload export = useCases.downloadExport()
                .download(new DownloadAccountExportUseCase.Query(id.get(), user.get(), expires.get(), signature))
                .orElseThrow(AccountRoutes::noSuchLink);
        ctx.status(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"fitsync-export-" + id.get() + ".zip\"")
                .header("Content-Length", Long.toString(export.sizeBytes()))
                .header("Cache-Control", "no-store");
        // Javalin copies the stream to the response and closes it: the zip is never held whole.
        ctx.result(export.bytes());
    }

    private static ProblemException noSuchLink() {
        return ProblemException.notFound(
                "No export at this link: it is incomplete, wrong or expired. GET the export again for a fresh link");
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
        Outcome outcome = useCases.erase().erase(new EraseAccountCommand(user, confirm.textValue()));
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

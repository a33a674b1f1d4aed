package org.fitsync.adapter.http.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.SignedLinkParameters;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;
import org.fitsync.ports.in.files.CompleteFileUploadCommand;
import org.fitsync.ports.in.files.CompleteFileUploadUseCase;
import org.fitsync.ports.in.files.CompleteFileUploadUseCase.CompleteOutcome;
import org.fitsync.ports.in.files.DeclareFileCommand;
import org.fitsync.ports.in.files.DeclareFileUseCase;
import org.fitsync.ports.in.files.DeclareFileUseCase.DeclareOutcome;
import org.fitsync.ports.in.files.FileNames;
import org.fitsync.ports.in.files.GetFileQuery;
import org.fitsync.ports.in.files.GetFileUseCase;
import org.fitsync.ports.in.files.ReadFileContentQuery;
import org.fitsync.ports.in.files.ReadFileContentUseCase;
import org.fitsync.ports.in.files.UploadFileContentCommand;
import org.fitsync.ports.in.files.UploadFileContentUseCase;
import org.fitsync.ports.in.files.UploadFileContentUseCase.UploadOutcome;
import org.fitsync.ports.in.files.UploadFileDirectlyCommand;
import org.fitsync.ports.in.files.UploadFileDirectlyUseCase;
import org.fitsync.ports.in.files.UploadFileDirectlyUseCase.DirectOutcome;

/**
 * {@code /api/v1/files}: declare a file, put its bytes at the signed URL (no bearer token: the URL is
 * the credential), complete, look at it, download it, or upload it in one request.
 */
public final class FileRoutes implements RouteModule {

    static final String CONTENT = "/api/v1/files/{id}/content";

    /** The use cases behind these routes. */
    public record UseCases(
            DeclareFileUseCase declare,
            UploadFileContentUseCase upload,
            CompleteFileUploadUseCase complete,
            GetFileUseCase get,
            ReadFileContentUseCase content,
            UploadFileDirectlyUseCase direct) {}

    private final UseCases useCases;
    private final JsonBody jsonBody;
    private final long maxBodyBytes;

    public FileRoutes(UseCases useCases, JsonBody jsonBody, long maxBodyBytes) {
        this.useCases = useCases;
        this.jsonBody = jsonBody;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/files", this::declare);
        routes.post("/api/v1/files/direct", this::direct);
        routes.get("/api/v1/files/{id}", this::one);
        routes.put(CONTENT, this::upload);
        routes.get(CONTENT, this::download);
        routes.post("/api/v1/files/{id}/complete", this::complete);
    }

    @Override
    public Set<String> publicRoutes() {
        return Set.of("PUT " + CONTENT);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/files.json");
    }

    private void declare(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        JsonNode body = jsonBody.readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        Optional<FileId> id = body.path("id").isTextual()
                ? FileId.parse(body.path("id").asText())
                        .filter(f ->
                                f.toString().equalsIgnoreCase(body.path("id").asText()))
                : Optional.empty();
        if (id.isEmpty()) {
            errors.add(new FieldError("id", "must be a UUID"));
        }
        String filename = text(body, "filename", errors).orElse(null);
        JsonNode sizeNode = body.path("size");
        if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong()) {
            errors.add(new FieldError("size", "must be an integer number of bytes"));
        }
        String sha256 = text(body, "sha256", errors).orElse(null);
        Optional<String> contentType = Optional.empty();
        JsonNode type = body.path("content_type");
        if (!type.isMissingNode() && !type.isNull()) {
            if (type.isTextual()) {
                contentType = Optional.of(type.asText());
            } else {
                errors.add(new FieldError("content_type", "must be a string"));
            }
        }
        if (filename != null && sha256 != null && sizeNode.canConvertToLong()) {
            errors.addAll(DeclareFileCommand.check(filename, sizeNode.asLong(), sha256, contentType));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        DeclareOutcome outcome = useCases.declare()
                .declare(new DeclareFileCommand(
                        user, id.get(), filename, sizeNode.asLong(), new Sha256(sha256), contentType));
        if (outcome instanceof DeclareOutcome.Created created) {
            ctx.status(201)
                    .header("Location", location(created.file()))
                    .json(FileResource.of(created.file(), Optional.of(created.upload())));
        } else if (outcome instanceof DeclareOutcome.Existing existing) {
            ctx.status(200)
                    .header("Location", location(existing.file()))
                    .json(FileResource.of(existing.file(), existing.upload()));
        } else if (outcome instanceof DeclareOutcome.ContentConflict conflict) {
            throw new ProblemException(
                    Problem.conflict("file-id-conflict", "This file id was declared with another size or SHA-256")
                            .withExtension("file_id", conflict.file().id().toString()));
        } else {
            long max = ((DeclareOutcome.TooLarge) outcome).maxBytes();
            throw ProblemException.invalid("size", "must be at most " + max + " bytes");
        }
    }

    private void upload(Context ctx) {
        FileId id = id(ctx);
        Optional<UserId> user = SignedLinkParameters.user(ctx);
        Optional<Instant> expires = SignedLinkParameters.expires(ctx);
        String signature = ctx.queryParam("signature");
        if (user.isEmpty() || expires.isEmpty() || signature == null) {
            throw forbidden("The upload URL is incomplete: it needs user, expires and signature");
        }
        UploadOutcome outcome;
        try (InputStream body = ctx.req().getInputStream()) {
            outcome = useCases.upload()
                    .upload(new UploadFileContentCommand(user.get(), id, expires.get(), signature, body));
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read");
        }
        if (outcome instanceof UploadOutcome.Stored stored) {
            ctx.status(200).json(FileResource.of(stored.file(), Optional.empty()));
        } else if (outcome instanceof UploadOutcome.AlreadyStored stored) {
            ctx.status(200).json(FileResource.of(stored.file(), Optional.empty()));
        } else if (outcome instanceof UploadOutcome.Forbidden forbidden) {
            throw forbidden(forbidden.detail());
        } else if (outcome instanceof UploadOutcome.NotFound) {
            throw notFound();
        } else {
            throw mismatch(((UploadOutcome.Mismatch) outcome).detail());
        }
    }

    private void complete(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        CompleteOutcome outcome = useCases.complete().complete(new CompleteFileUploadCommand(user, id(ctx)));
        if (outcome instanceof CompleteOutcome.Accepted accepted) {
            ctx.status(202).json(FileResource.of(accepted.file(), Optional.empty()));
        } else if (outcome instanceof CompleteOutcome.NotUploaded) {
            throw new ProblemException(Problem.conflict(
                    "file-not-uploaded", "No bytes were uploaded for this file yet: PUT them to its upload URL"));
        } else if (outcome instanceof CompleteOutcome.Mismatch mismatch) {
            throw mismatch(mismatch.detail());
        } else {
            throw notFound();
        }
    }

    private void one(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ActivityFile file = useCases.get().get(new GetFileQuery(user, id(ctx))).orElseThrow(FileRoutes::notFound);
        ctx.json(FileResource.of(file, Optional.empty()));
    }

    private void download(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ReadFileContentUseCase.FileContent content =
                useCases.content().read(new ReadFileContentQuery(user, id(ctx))).orElseThrow(FileRoutes::notFound);
        ctx.status(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", contentDisposition(content.file().filename()))
                .header("Content-Length", Long.toString(content.file().size()));
        // Javalin copies the stream to the response and closes it: the file is never held whole.
        ctx.result(content.bytes());
    }

    private void direct(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        String filename = ctx.queryParam("filename");
        if (filename == null) {
            throw ProblemException.invalid("filename", "is required");
        }
        List<FieldError> errors = FileNames.check("filename", filename);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        DirectOutcome outcome;
        try (InputStream body = ctx.req().getInputStream()) {
            outcome = useCases.direct().upload(new UploadFileDirectlyCommand(user, filename, body, maxBodyBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (outcome instanceof DirectOutcome.Stored stored) {
            ctx.status(201)
                    .header("Location", location(stored.file()))
                    .json(FileResource.of(stored.file(), Optional.empty()));
        } else if (outcome instanceof DirectOutcome.TooLarge tooLarge) {
            throw tooLarge(tooLarge.maxBytes());
        } else {
            throw ProblemException.badRequest("The request body is empty; the file's bytes are required");
        }
    }

    private static Optional<String> text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.path(field);
        if (!node.isTextual()) {
            errors.add(
                    new FieldError(field, node.isMissingNode() || node.isNull() ? "is required" : "must be a string"));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static FileId id(Context ctx) {
        return FileId.parse(ctx.pathParam("id")).orElseThrow(FileRoutes::notFound);
    }

    private static String location(ActivityFile file) {
        return "/api/v1/files/" + file.id();
    }

    /** An ASCII fallback and the exact name (RFC 6266, RFC 8187), so no header can be injected. */
    static String contentDisposition(String filename) {
        StringBuilder ascii = new StringBuilder();
        filename.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No such file");
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    private static ProblemException mismatch(String detail) {
        return new ProblemException(Problem.of(
                422, "upload-mismatch", "Upload does not match its declaration", detail + "; nothing was kept"));
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(
                Problem.of(413, "body-too-large", "Body too large", "The file is larger than " + max + " bytes"));
    }
}

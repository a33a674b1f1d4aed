package org.fitsync.adapter.http.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.Problem;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.ratelimit.RateDecision;
import org.fitsync.adapter.http.ratelimit.TokenBucketLimiter;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;
import org.fitsync.domain.privacy.PrivacyZone;
import org.fitsync.domain.privacy.ShareToken;
import org.fitsync.ports.in.privacy.PrivacySettingsUseCase;
import org.fitsync.ports.in.privacy.ShareRunUseCase;
import org.fitsync.ports.in.privacy.SharedRun;
import org.fitsync.ports.in.privacy.ViewSharedRunUseCase;

/**
 * The Privacy endpoints of docs/api.md: a user's privacy settings, share links to their runs, and the
 * public view of a shared run. The public view needs no token and is limited per client address; an
 * unknown, revoked or malformed link, and a deleted run, are one and the same {@code 404}.
 */
public final class PrivacyRoutes implements RouteModule {

    private static final String SHARED = "/api/v1/shared/{token}";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> SETTINGS_FIELDS = Set.of("zones", "hide_start_end_m");
    private static final Set<String> ZONE_FIELDS = Set.of("lat", "lon", "radius_m");

    /** The use cases the routes call. */
    public record UseCases(PrivacySettingsUseCase settings, ShareRunUseCase shares, ViewSharedRunUseCase shared) {}

    private final UseCases useCases;
    private final JsonBody jsonBody;
    private final ObjectMapper mapper;
    private final TokenBucketLimiter sharedLimiter;
    private final Supplier<URI> publicUrl;

    /**
     * {@code sharedLimiter}: the limit on opening shared links, keyed by client address;
     * {@code publicUrl}: where clients reach this node, for the links handed out.
     */
    public PrivacyRoutes(
            UseCases useCases,
            JsonBody jsonBody,
            ObjectMapper mapper,
            TokenBucketLimiter sharedLimiter,
            Supplier<URI> publicUrl) {
        this.useCases = useCases;
        this.jsonBody = jsonBody;
        this.mapper = mapper;
        this.sharedLimiter = sharedLimiter;
        this.publicUrl = publicUrl;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/privacy", this::getSettings);
        routes.put("/api/v1/privacy", this::putSettings);
        routes.post("/api/v1/runs/{id}/share", this::share);
        routes.delete("/api/v1/runs/{id}/share", this::revoke);
        routes.get(SHARED, this::shared);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/privacy.json");
    }

    @Override
    public Set<String> publicRoutes() {
        // The token in the path is the credential.
        return Set.of("GET " + SHARED);
    }

    private void getSettings(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ctx.json(settingsJson(useCases.settings().privacy(user)));
    }

    private void putSettings(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        PrivacySettings settings = read(jsonBody.readObject(ctx));
        useCases.settings().setPrivacy(user, settings);
        ctx.json(settingsJson(settings));
    }

    /** The body as settings, or a {@code 422} naming every field that is wrong (nothing is changed). */
    private static PrivacySettings read(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        unknownFields(body, SETTINGS_FIELDS, "", errors);
        JsonNode zonesNode = body.path("zones");
        List<PrivacyZone> zones = new ArrayList<>();
        if (!zonesNode.isArray()) {
            errors.add(new FieldError("zones", "is required: an array of {lat, lon, radius_m}, maybe empty"));
        } else {
            for (int i = 0; i < zonesNode.size(); i++) {
                readZone(zonesNode.get(i), "zones[" + i + "]", errors).ifPresent(zones::add);
            }
        }
        JsonNode hideNode = body.path("hide_start_end_m");
        long hide = 0;
        if (hideNode.isMissingNode() || hideNode.isNull()) {
            hide = 0;
        } else if (!hideNode.isIntegralNumber() || !hideNode.canConvertToLong()) {
            errors.add(new FieldError("hide_start_end_m", "must be a whole number of metres from 0 to 1000"));
        } else {
            hide = hideNode.longValue();
        }
        errors.addAll(PrivacySettings.errors(zonesNode.size(), hide));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new PrivacySettings(zones, (int) hide);
    }

    private static Optional<PrivacyZone> readZone(JsonNode zone, String field, List<FieldError> errors) {
        if (!zone.isObject()) {
            errors.add(new FieldError(field, "must be an object {lat, lon, radius_m}"));
            return Optional.empty();
        }
        int before = errors.size();
        unknownFields(zone, ZONE_FIELDS, field + ".", errors);
        JsonNode lat = zone.path("lat");
        JsonNode lon = zone.path("lon");
        JsonNode radius = zone.path("radius_m");
        if (!lat.isNumber()) {
            errors.add(new FieldError(field + ".lat", "is required: a latitude from -90 to 90"));
        }
        if (!lon.isNumber()) {
            errors.add(new FieldError(field + ".lon", "is required: a longitude from -180 to 180"));
        }
        if (!radius.isIntegralNumber() || !radius.canConvertToLong()) {
            errors.add(new FieldError(field + ".radius_m", "is required: a whole number of metres from 100 to 2000"));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        List<FieldError> range = PrivacyZone.errors(field, lat.doubleValue(), lon.doubleValue(), radius.longValue());
        if (!range.isEmpty()) {
            errors.addAll(range);
            return Optional.empty();
        }
        return Optional.of(new PrivacyZone(lat.doubleValue(), lon.doubleValue(), radius.intValue()));
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + name, "is not a field of privacy settings"));
            }
        }
    }

    private ObjectNode settingsJson(PrivacySettings settings) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode zones = node.putArray("zones");
        for (PrivacyZone zone : settings.zones()) {
            zones.addObject().put("lat", zone.lat()).put("lon", zone.lon()).put("radius_m", zone.radiusM());
        }
        node.put("hide_start_end_m", settings.hideStartEndM());
        return node;
    }

    private void share(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        ShareRunUseCase.IssuedShare issued =
                useCases.shares().share(user, runId(ctx)).orElseThrow(PrivacyRoutes::noSuchRun);
        String token = issued.token().value();
        String path = SHARED.replace("{token}", token);
        ObjectNode body = mapper.createObjectNode();
        body.put("token", token);
        body.put("url", publicUrl.get().resolve(path).toString());
        body.put("created_at", issued.createdAt().toString());
        ctx.status(201)
                .header("Location", path)
                .header("Cache-Control", "no-store")
                .json(body);
    }

    private void revoke(Context ctx) {
        UserId user = Authentication.caller(ctx).user();
        if (!useCases.shares().revoke(user, runId(ctx))) {
            throw noSuchRun();
        }
        ctx.status(204);
    }

    private void shared(Context ctx) {
        if (sharedLimiter.tryAcquire(ctx.ip()) instanceof RateDecision.Limited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            throw new ProblemException(Problem.of(
                    429,
                    "rate-limited",
                    "Too many requests",
                    "Too many shared links opened; retry after " + limited.retryAfterSeconds() + " s"));
        }
        SharedRun run = ShareToken.parse(ctx.pathParam("token"))
                .flatMap(token -> useCases.shared().view(token))
                .orElseThrow(() -> ProblemException.notFound("No such link"));
        ObjectNode body = mapper.createObjectNode();
        body.put("started_at", run.startedAt().toString());
        body.put("distance_m", run.distanceM());
        body.put("duration_s", run.durationS());
        body.put("moving_time_s", run.movingTimeS());
        if (run.elevationGainM().isPresent()) {
            body.put("elevation_gain_m", run.elevationGainM().getAsDouble());
        } else {
            body.putNull("elevation_gain_m");
        }
        body.put("polyline", run.polyline());
        ArrayNode segments = body.putArray("polylines");
        run.segmentPolylines().forEach(segments::add);
        // A revoked link must not live on in a shared cache.
        ctx.header("Cache-Control", "no-store").json(body);
    }

    /** A path id that is not a UUID names no run: 404, like any other missing run. */
    private static UUID runId(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw noSuchRun();
        }
        return UUID.fromString(raw);
    }

    private static ProblemException noSuchRun() {
        return ProblemException.notFound("No such run");
    }
}

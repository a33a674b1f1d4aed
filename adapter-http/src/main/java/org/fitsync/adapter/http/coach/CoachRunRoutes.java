package org.fitsync.adapter.http.coach;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.Caller;
import org.fitsync.adapter.http.run.RunHistoryPages;
import org.fitsync.adapter.http.run.TrackDocuments;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.ports.in.coach.CoachAccess;
import org.fitsync.ports.in.privacy.OthersViewUseCase;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.run.RunPage;

/**
 * A coach reads a linked client's runs, with the parameters and shape of {@code GET /api/v1/runs},
 * and a run's track as JSON, GPX or TCX. Both show the track as the client lets others see it (their
 * privacy zones and hidden start and end cut out; polylines and point counts recomputed from what is
 * left). Like every {@code /coach/} route it needs the {@code coach} role ({@code 403}); an unlinked
 * client, or no such user, is {@code 404}.
 */
public final class CoachRunRoutes implements RouteModule {

    private final ListRunsUseCase list;
    private final OthersViewUseCase othersView;
    private final ActForClientUseCase coaches;
    private final RunHistoryPages pages;
    private final TrackDocuments tracks;

    public CoachRunRoutes(
            ListRunsUseCase list,
            OthersViewUseCase othersView,
            ActForClientUseCase coaches,
            RunHistoryPages pages,
            TrackDocuments tracks) {
        this.list = list;
        this.othersView = othersView;
        this.coaches = coaches;
        this.pages = pages;
        this.tracks = tracks;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/coach/clients/{id}/runs", this::clientRuns);
        routes.get("/api/v1/coach/clients/{id}/runs/{run}/track", this::clientTrack);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/coach-runs.json");
    }

    private void clientRuns(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        UserId client = client(ctx);
        // The cursor binds coach and client, so one coach's page cursor is worthless for another pair.
        pages.respond(
                ctx,
                coach.user().value() + "|" + client.value(),
                command -> {
                    CoachAccess<RunPage> access = coaches.actForClient(
                            coach.user(),
                            client,
                            subject -> othersView.redactedPage(subject, list.list(command.apply(subject))));
                    return access instanceof CoachAccess.Granted<RunPage> granted
                            ? Optional.of(granted.value())
                            : Optional.empty();
                },
                CoachRunRoutes::notYourClient);
    }

    private void clientTrack(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        UserId client = client(ctx);
        Optional<UUID> runId = runId(ctx.pathParam("run"));
        CoachAccess<Optional<OthersViewUseCase.RedactedRun>> access = coaches.actForClient(
                coach.user(), client, subject -> runId.flatMap(id -> othersView.redactedRun(subject, id)));
        if (!(access instanceof CoachAccess.Granted<Optional<OthersViewUseCase.RedactedRun>> granted)) {
            throw notYourClient();
        }
        OthersViewUseCase.RedactedRun run = granted.value().orElseThrow(() -> ProblemException.notFound("No such run"));
        tracks.respond(ctx, run.run(), run.track().segments(), run.samples());
    }

    private static UserId client(Context ctx) {
        String clientId = ctx.pathParam("id");
        if (!UserId.isValid(clientId)) {
            throw notYourClient();
        }
        return new UserId(clientId);
    }

    private static Optional<UUID> runId(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts shortened forms; only the canonical text names a run.
            return id.toString().equalsIgnoreCase(raw) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ProblemException notYourClient() {
        return ProblemException.notFound("No such client");
    }
}

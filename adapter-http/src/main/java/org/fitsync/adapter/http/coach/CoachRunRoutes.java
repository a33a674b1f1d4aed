package org.fitsync.adapter.http.coach;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.Caller;
import org.fitsync.adapter.http.run.RunHistoryPages;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.ports.in.coach.CoachAccess;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.run.RunPage;

/**
 * A coach reads a linked client's runs, with the parameters and shape of {@code GET /api/v1/runs}.
 * Like every {@code /coach/} route it needs the {@code coach} role ({@code 403}); an unlinked client,
 * or no such user, is {@code 404}.
 */
public final class CoachRunRoutes implements RouteModule {

    private final ListRunsUseCase list;
    private final ActForClientUseCase coaches;
    private final RunHistoryPages pages;

    public CoachRunRoutes(ListRunsUseCase list, ActForClientUseCase coaches, RunHistoryPages pages) {
        this.list = list;
        this.coaches = coaches;
        this.pages = pages;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/coach/clients/{id}/runs", this::clientRuns);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/coach-runs.json");
    }

    private void clientRuns(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        String clientId = ctx.pathParam("id");
        if (!UserId.isValid(clientId)) {
            throw notYourClient();
        }
        UserId client = new UserId(clientId);
        // The cursor binds coach and client, so one coach's page cursor is worthless for another pair.
        pages.respond(
                ctx,
                coach.user().value() + "|" + client.value(),
                command -> {
                    CoachAccess<RunPage> access =
                            coaches.actForClient(coach.user(), client, subject -> list.list(command.apply(subject)));
                    return access instanceof CoachAccess.Granted<RunPage> granted
                            ? Optional.of(granted.value())
                            : Optional.empty();
                },
                CoachRunRoutes::notYourClient);
    }

    private static ProblemException notYourClient() {
        return ProblemException.notFound("No such client");
    }
}

package org.fitsync.adapter.http.coach;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.Authentication;
import org.fitsync.adapter.http.JsonBody;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.auth.Caller;
import org.fitsync.adapter.http.daily.DateParams;
import org.fitsync.adapter.http.daily.EntryJson;
import org.fitsync.adapter.http.daily.ManualEditReader;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.IssuedPairingCode;
import org.fitsync.domain.coach.PairingCode;
import org.fitsync.domain.coach.PairingOutcome;
import org.fitsync.domain.daily.ManualEdit;
import org.fitsync.ports.in.coach.CoachAccess;
import org.fitsync.ports.in.coach.CorrectClientEntryCommand;
import org.fitsync.ports.in.coach.CorrectClientEntryUseCase;
import org.fitsync.ports.in.coach.CreatePairingCodeCommand;
import org.fitsync.ports.in.coach.CreatePairingCodeUseCase;
import org.fitsync.ports.in.coach.LinkClientCommand;
import org.fitsync.ports.in.coach.LinkClientUseCase;
import org.fitsync.ports.in.coach.ListClientsQuery;
import org.fitsync.ports.in.coach.ListClientsUseCase;
import org.fitsync.ports.in.coach.ReadClientEntriesQuery;
import org.fitsync.ports.in.coach.ReadClientEntriesUseCase;

/**
 * Pairing and the coach's view of clients. Every {@code /coach/} route needs the {@code coach}
 * role ({@code 403}); a client the coach is not linked to does not exist for them ({@code 404}).
 */
public final class CoachRoutes implements RouteModule {

    /** The use cases behind these routes. */
    public record UseCases(
            CreatePairingCodeUseCase codes,
            LinkClientUseCase link,
            ListClientsUseCase clients,
            ReadClientEntriesUseCase entries,
            CorrectClientEntryUseCase correct) {}

    private final UseCases useCases;
    private final JsonBody body;

    public CoachRoutes(UseCases useCases, JsonBody body) {
        this.useCases = useCases;
        this.body = body;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/pairing-codes", this::createCode);
        routes.post("/api/v1/coach/clients", this::linkClient);
        routes.get("/api/v1/coach/clients", this::listClients);
        routes.get("/api/v1/coach/clients/{id}/entries", this::clientEntries);
        routes.put("/api/v1/coach/clients/{id}/entries/{date}", this::correctEntry);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/openapi/coach.json");
    }

    private void createCode(Context ctx) {
        IssuedPairingCode issued = useCases.codes()
                .create(new CreatePairingCodeCommand(Authentication.caller(ctx).user()));
        ctx.status(201)
                .json(Map.of(
                        "code",
                        issued.code().value(),
                        "expires_at",
                        issued.expiresAt().toString()));
    }

    private void linkClient(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        JsonNode json = body.readObject(ctx);
        JsonNode codeNode = json.get("code");
        if (codeNode == null || !codeNode.isTextual()) {
            throw ProblemException.invalid("code", "is required and must be a string");
        }
        PairingCode code = PairingCode.parse(codeNode.textValue())
                .orElseThrow(() -> ProblemException.invalid("code", "is not a pairing code (like K7Q2-9XPA)"));
        PairingOutcome outcome = useCases.link().link(new LinkClientCommand(coach.user(), code));
        if (outcome instanceof PairingOutcome.Linked linked) {
            ctx.status(201).json(Map.of("client_id", linked.client().value()));
            return;
        }
        throw ProblemException.invalid("code", refusal(outcome));
    }

    private static String refusal(PairingOutcome outcome) {
        if (outcome instanceof PairingOutcome.Expired) {
            return "has expired; ask your client for a new one";
        }
        if (outcome instanceof PairingOutcome.AlreadyUsed) {
            return "has already been used";
        }
        if (outcome instanceof PairingOutcome.OwnCode) {
            return "is your own code; a coach cannot be their own client";
        }
        return "is unknown";
    }

    private void listClients(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        var items = useCases.clients().clients(new ListClientsQuery(coach.user())).stream()
                .map(link -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("client_id", link.client().value());
                    json.put("linked_at", link.linkedAt().toString());
                    return json;
                })
                .toList();
        ctx.json(Map.of("items", items));
    }

    private void clientEntries(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        UserId client = client(ctx);
        DateParams.Range range = DateParams.range(ctx);
        var access =
                useCases.entries().entries(new ReadClientEntriesQuery(coach.user(), client, range.from(), range.to()));
        ctx.json(EntryJson.items(granted(access)));
    }

    private void correctEntry(Context ctx) {
        Caller coach = Authentication.callerWithRole(ctx, Caller.COACH);
        UserId client = client(ctx);
        LocalDate date = DateParams.pathDate(ctx);
        ManualEdit edit = ManualEditReader.read(body.readObject(ctx));
        ctx.json(EntryJson.entry(
                granted(useCases.correct().correct(new CorrectClientEntryCommand(coach.user(), client, date, edit)))));
    }

    /** A client id that cannot be a user is no client of this coach either. */
    private static UserId client(Context ctx) {
        String id = ctx.pathParam("id");
        if (!UserId.isValid(id)) {
            throw notYourClient();
        }
        return new UserId(id);
    }

    private static <T> T granted(CoachAccess<T> access) {
        if (access instanceof CoachAccess.Granted<T> granted) {
            return granted.value();
        }
        throw notYourClient();
    }

    private static ProblemException notYourClient() {
        return ProblemException.notFound("No such client");
    }
}

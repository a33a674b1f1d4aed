package org.fitsync.app.wiring;

import java.security.SecureRandom;
import org.fitsync.adapter.http.RouteModule;
import org.fitsync.adapter.http.coach.CoachRoutes;
import org.fitsync.adapter.postgres.coach.PostgresCoaching;
import org.fitsync.application.coach.CoachService;
import org.fitsync.ports.in.coach.ActForClientUseCase;
import org.fitsync.ports.in.coach.CorrectClientEntryUseCase;
import org.fitsync.ports.in.coach.CreatePairingCodeUseCase;
import org.fitsync.ports.in.coach.LinkClientUseCase;
import org.fitsync.ports.in.coach.ListClientsUseCase;
import org.fitsync.ports.in.coach.ReadClientEntriesUseCase;
import org.fitsync.ports.in.daily.ListDailyEntriesUseCase;
import org.fitsync.ports.in.daily.RecordManualEntryUseCase;
import org.fitsync.ports.out.coach.LoadCoachLinksPort;
import org.fitsync.ports.out.coach.RedeemPairingCodePort;
import org.fitsync.ports.out.coach.SaveCoachLinkPort;
import org.fitsync.ports.out.coach.SavePairingCodePort;

/**
 * Coaches: pairing codes, links to clients, and a coach's reads and manual entries on a client's daily
 * metrics, which come in through the daily feature's use cases.
 */
final class CoachWiring {

    private final CoachService service;
    private final RouteModule routes;

    private CoachWiring(
            FeatureContext context,
            ListDailyEntriesUseCase clientEntries,
            RecordManualEntryUseCase clientManualEntries) {
        PostgresCoaching coaching = new PostgresCoaching();
        SavePairingCodePort saveCode = coaching;
        RedeemPairingCodePort redeemCode = coaching;
        SaveCoachLinkPort saveLink = coaching;
        LoadCoachLinksPort loadLinks = coaching;
        this.service = new CoachService(
                new CoachService.Ports(
                        context.transactions(), context.versions(), saveCode, redeemCode, saveLink, loadLinks),
                clientEntries,
                clientManualEntries,
                context.clock(),
                new SecureRandom());

        CreatePairingCodeUseCase createCode = service;
        LinkClientUseCase link = service;
        ListClientsUseCase listClients = service;
        ReadClientEntriesUseCase readEntries = service;
        CorrectClientEntryUseCase correctEntry = service;
        this.routes = new CoachRoutes(
                new CoachRoutes.UseCases(createCode, link, listClients, readEntries, correctEntry), context.jsonBody());
    }

    /** {@code clientEntries} and {@code clientManualEntries}: the daily feature's use cases. */
    static CoachWiring wire(
            FeatureContext context,
            ListDailyEntriesUseCase clientEntries,
            RecordManualEntryUseCase clientManualEntries) {
        return new CoachWiring(context, clientEntries, clientManualEntries);
    }

    RouteModule routes() {
        return routes;
    }

    /** The coaches' link checks, for other features' reads of a client (runs). */
    ActForClientUseCase actForClient() {
        return service;
    }
}

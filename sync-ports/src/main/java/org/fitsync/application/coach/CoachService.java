package org.fitsync.application.coach;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.coach.IssuedPairingCode;
import org.fitsync.domain.coach.PairingCode;
import org.fitsync.domain.coach.PairingOutcome;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.ManualAuthor;
import org.fitsync.ports.in.coach.ActForClientUseCase;
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
import org.fitsync.ports.in.daily.ListDailyEntriesQuery;
import org.fitsync.ports.in.daily.ListDailyEntriesUseCase;
import org.fitsync.ports.in.daily.RecordManualEntryCommand;
import org.fitsync.ports.in.daily.RecordManualEntryUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.coach.LoadCoachLinksPort;
import org.fitsync.ports.out.coach.RedeemPairingCodePort;
import org.fitsync.ports.out.coach.SaveCoachLinkPort;
import org.fitsync.ports.out.coach.SavePairingCodePort;

/**
 * Pairing and the coach's access to clients. A coach never reads a client's rows in the coach's
 * own transaction: the link is checked in the coach's scope, then the work runs through the daily
 * use cases in a transaction scoped to the client, so row-level security applies as for the client.
 */
public final class CoachService
        implements CreatePairingCodeUseCase,
                LinkClientUseCase,
                ListClientsUseCase,
                ReadClientEntriesUseCase,
                CorrectClientEntryUseCase,
                ActForClientUseCase {

    /** The collaborators; the random generator must be cryptographically strong. */
    public record Ports(
            TransactionPort transactions,
            SyncVersionPort versions,
            SavePairingCodePort codes,
            RedeemPairingCodePort redeemer,
            SaveCoachLinkPort saveLinks,
            LoadCoachLinksPort links) {}

    private final Ports ports;
    private final ListDailyEntriesUseCase entries;
    private final RecordManualEntryUseCase manual;
    private final Clock clock;
    private final SecureRandom random;

    public CoachService(
            Ports ports,
            ListDailyEntriesUseCase entries,
            RecordManualEntryUseCase manual,
            Clock clock,
            SecureRandom random) {
        this.ports = ports;
        this.entries = entries;
        this.manual = manual;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public IssuedPairingCode create(CreatePairingCodeCommand command) {
        UserId client = command.client();
        PairingCode code = PairingCode.generate(random);
        Instant expiresAt = clock.instant().plus(IssuedPairingCode.LIFETIME);
        ports.transactions()
                .useUserTransaction(
                        client,
                        () -> ports.codes()
                                .savePairingCode(
                                        client,
                                        code.hash(),
                                        expiresAt,
                                        ports.versions().claimNextVersion(client)));
        return new IssuedPairingCode(client, code, expiresAt);
    }

    @Override
    public PairingOutcome link(LinkClientCommand command) {
        UserId coach = command.coach();
        Instant now = clock.instant();
        return ports.transactions().inUserTransaction(coach, () -> {
            PairingOutcome outcome =
                    ports.redeemer().redeemPairingCode(coach, command.code().hash(), now);
            if (outcome instanceof PairingOutcome.Linked linked) {
                ports.saveLinks()
                        .saveLink(
                                new CoachLink(coach, linked.client(), now),
                                ports.versions().claimNextVersion(coach));
            }
            return outcome;
        });
    }

    @Override
    public List<CoachLink> clients(ListClientsQuery query) {
        UserId coach = query.coach();
        return ports.transactions().inUserSnapshot(coach, () -> ports.links().linksOf(coach));
    }

    @Override
    public CoachAccess<List<DailyEntry>> entries(ReadClientEntriesQuery query) {
        return actForClient(
                query.coach(),
                query.client(),
                c -> entries.list(new ListDailyEntriesQuery(c, query.from(), query.to())));
    }

    @Override
    public CoachAccess<DailyEntry> correct(CorrectClientEntryCommand command) {
        return actForClient(
                command.coach(),
                command.client(),
                c -> manual.record(new RecordManualEntryCommand(
                        c, command.date(), command.edit(), ManualAuthor.coach(command.coach()))));
    }

    @Override
    public <T> CoachAccess<T> actForClient(UserId coach, UserId client, Function<UserId, T> work) {
        boolean linked =
                ports.transactions().inUserSnapshot(coach, () -> ports.links().isLinked(coach, client));
        return linked ? new CoachAccess.Granted<>(work.apply(client)) : new CoachAccess.NotLinked<>();
    }
}

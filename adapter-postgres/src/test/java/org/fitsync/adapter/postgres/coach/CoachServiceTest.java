package org.fitsync.adapter.postgres.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.postgres.PostgresDatabase;
import org.fitsync.adapter.postgres.PostgresSyncVersions;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.adapter.postgres.daily.PostgresDailyEntries;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.application.coach.CoachService;
import org.fitsync.application.daily.DailyEntryService;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.coach.IssuedPairingCode;
import org.fitsync.domain.coach.PairingOutcome;
import org.fitsync.domain.daily.FieldEdit;
import org.fitsync.domain.daily.ManualEdit;
import org.fitsync.ports.in.coach.CoachAccess;
import org.fitsync.ports.in.coach.CorrectClientEntryCommand;
import org.fitsync.ports.in.coach.CreatePairingCodeCommand;
import org.fitsync.ports.in.coach.LinkClientCommand;
import org.fitsync.ports.in.coach.ListClientsQuery;
import org.fitsync.ports.in.coach.ReadClientEntriesQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pairing against real storage, with a clock the test moves. */
class CoachServiceTest {

    private static PostgresDatabase db;
    private static CoachService coaching;
    private static final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T08:00:00Z"));

    @BeforeAll
    static void start() {
        db = PostgresDatabase.connect(PostgresTestDatabase.fresh(), null);
        PostgresTransactions tx = new PostgresTransactions(db.jdbi());
        PostgresSyncVersions versions = new PostgresSyncVersions();
        PostgresDailyEntries entries = new PostgresDailyEntries();
        DailyEntryService daily = new DailyEntryService(tx, versions, new DailyEntryService.Storage(entries, entries));
        PostgresCoaching store = new PostgresCoaching();
        coaching = new CoachService(
                new CoachService.Ports(tx, versions, store, store, store, store),
                daily,
                daily,
                clock,
                new SecureRandom());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aCodeLinksOnceAndOnlyOnce() {
        UserId client = new UserId("once-client");
        IssuedPairingCode issued = coaching.create(new CreatePairingCodeCommand(client));

        PairingOutcome first = coaching.link(new LinkClientCommand(new UserId("once-coach"), issued.code()));
        PairingOutcome second = coaching.link(new LinkClientCommand(new UserId("once-other-coach"), issued.code()));

        assertThat(first).isEqualTo(new PairingOutcome.Linked(client));
        assertThat(second).isInstanceOf(PairingOutcome.AlreadyUsed.class);
        assertThat(coaching.clients(new ListClientsQuery(new UserId("once-coach"))))
                .extracting(CoachLink::client)
                .containsExactly(client);
        assertThat(coaching.clients(new ListClientsQuery(new UserId("once-other-coach"))))
                .isEmpty();
    }

    @Test
    void aCodeExpiresAfterFifteenMinutes() {
        IssuedPairingCode stale = coaching.create(new CreatePairingCodeCommand(new UserId("late-client")));
        IssuedPairingCode fresh = coaching.create(new CreatePairingCodeCommand(new UserId("late-client")));
        assertThat(stale.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(coaching.link(new LinkClientCommand(new UserId("late-coach-1"), fresh.code())))
                .isInstanceOf(PairingOutcome.Linked.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(coaching.link(new LinkClientCommand(new UserId("late-coach-2"), stale.code())))
                .isInstanceOf(PairingOutcome.Expired.class);
    }

    @Test
    void unknownAndOwnCodesLinkNobody() {
        UserId client = new UserId("own-client");
        IssuedPairingCode issued = coaching.create(new CreatePairingCodeCommand(client));
        assertThat(coaching.link(new LinkClientCommand(client, issued.code())))
                .isInstanceOf(PairingOutcome.OwnCode.class);
        assertThat(coaching.link(new LinkClientCommand(
                        new UserId("own-coach"), new org.fitsync.domain.coach.PairingCode("2222-2222"))))
                .isInstanceOf(PairingOutcome.Unknown.class);
        // The own-code attempt did not use the code up.
        assertThat(coaching.link(new LinkClientCommand(new UserId("own-coach"), issued.code())))
                .isEqualTo(new PairingOutcome.Linked(client));
    }

    @Test
    void aCoachWithoutALinkGetsNothing() {
        UserId client = new UserId("stranger-client");
        UserId coach = new UserId("stranger-coach");
        LocalDate day = LocalDate.of(2026, 11, 20);
        ManualEdit edit = new ManualEdit(FieldEdit.setTo(1), FieldEdit.keep(), FieldEdit.keep(), FieldEdit.keep());

        assertThat(coaching.entries(new ReadClientEntriesQuery(coach, client, Optional.empty(), Optional.empty())))
                .isInstanceOf(CoachAccess.NotLinked.class);
        assertThat(coaching.correct(new CorrectClientEntryCommand(coach, client, day, edit)))
                .isInstanceOf(CoachAccess.NotLinked.class);

        coaching.link(new LinkClientCommand(
                coach, coaching.create(new CreatePairingCodeCommand(client)).code()));
        CoachAccess<?> corrected = coaching.correct(new CorrectClientEntryCommand(coach, client, day, edit));
        assertThat(corrected).isInstanceOf(CoachAccess.Granted.class);
        assertThat(coaching.entries(new ReadClientEntriesQuery(coach, client, Optional.empty(), Optional.empty())))
                .isEqualTo(new CoachAccess.Granted<>(List.of(((CoachAccess.Granted<?>) corrected).value())));
    }
}

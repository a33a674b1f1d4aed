package org.fitsync.adapter.http.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionGatesTest {

    private static AdmissionGates gates(int pulls, int pullQueries, int writes, Duration wait) {
        return new AdmissionGates(new AdmissionSettings(pulls, pullQueries, 4, writes, 1, wait, Duration.ofSeconds(2)));
    }

    @Test
    void aClassTakesNoMoreThanItsLimitAndLeavesTheOtherClassesAlone() throws Exception {
        AdmissionGates gates = gates(4, 2, 2, Duration.ofMillis(20));
        assertThat(gates.enter(RequestClass.WRITE)).isPresent();
        assertThat(gates.enter(RequestClass.WRITE)).isPresent();

        assertThat(gates.enter(RequestClass.WRITE)).isEmpty();
        assertThat(gates.enter(RequestClass.READ)).isPresent();
        assertThat(gates.enter(RequestClass.PULL)).isPresent();
        assertThat(gates.enter(RequestClass.EVENTS)).isPresent();
        assertThat(gates.inFlight(RequestClass.WRITE)).isEqualTo(2);
    }

    @Test
    void aRefusalComesOnlyAfterTheWaitAndNotMuchLater() throws Exception {
        Duration wait = Duration.ofMillis(200);
        AdmissionGates gates = gates(4, 2, 1, wait);
        assertThat(gates.enter(RequestClass.WRITE)).isPresent();

        long started = System.nanoTime();
        assertThat(gates.enter(RequestClass.WRITE)).isEmpty();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isGreaterThanOrEqualTo(wait).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aWaitingRequestTakesThePlaceAReleaseGivesBack() throws Exception {
        AdmissionGates gates = gates(4, 2, 1, Duration.ofSeconds(30));
        AdmissionGates.Ticket first = gates.enter(RequestClass.WRITE).orElseThrow();
        CompletableFuture<Optional<AdmissionGates.Ticket>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return gates.enter(RequestClass.WRITE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });

        first.release();

        assertThat(second.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(gates.inFlight(RequestClass.WRITE)).isEqualTo(1);
    }

    @Test
    void aPullHoldsItsDatabasePlaceOnlyUntilItsReadEnds() throws Exception {
        AdmissionGates gates = gates(2, 1, 1, Duration.ofMillis(20));
        AdmissionGates.Ticket reading = gates.enter(RequestClass.PULL).orElseThrow();

        assertThat(gates.enter(RequestClass.PULL))
                .as("the only database place is taken")
                .isEmpty();
        assertThat(gates.inFlight(RequestClass.PULL))
                .as("the refused pull gave its pull place back")
                .isEqualTo(1);

        reading.endDatabasePhase(); // now only sending to its client
        AdmissionGates.Ticket second = gates.enter(RequestClass.PULL).orElseThrow();
        assertThat(gates.pullQueriesInFlight()).isEqualTo(1);
        assertThat(gates.enter(RequestClass.PULL))
                .as("both pull places are taken by pulls still sending")
                .isEmpty();

        reading.release();
        second.release();
        assertThat(gates.inFlight(RequestClass.PULL)).isZero();
        assertThat(gates.pullQueriesInFlight()).isZero();
    }

    @Test
    void releasingTwiceGivesThePlacesBackOnce() throws Exception {
        AdmissionGates gates = gates(2, 1, 1, Duration.ofMillis(20));
        AdmissionGates.Ticket pull = gates.enter(RequestClass.PULL).orElseThrow();

        pull.endDatabasePhase();
        pull.release();
        pull.release();
        pull.endDatabasePhase();

        assertThat(gates.inFlight(RequestClass.PULL)).isZero();
        assertThat(gates.pullQueriesInFlight()).isZero();
        assertThat(gates.enter(RequestClass.PULL)).isPresent();
        assertThat(gates.enter(RequestClass.PULL))
                .as("still two pull places, one database place")
                .isEmpty();
    }

    @Test
    void aPullWithoutADatabasePlaceIsBoundOnlyByThePullPlaces() throws Exception {
        AdmissionGates gates = gates(3, 1, 1, Duration.ofMillis(20));
        AdmissionGates.Ticket firstSync = gates.enter(RequestClass.PULL, true).orElseThrow();

        assertThat(gates.enter(RequestClass.PULL, true))
                .as("another first sync finds the only database place taken")
                .isEmpty();
        AdmissionGates.Ticket incremental =
                gates.enter(RequestClass.PULL, false).orElseThrow();
        assertThat(gates.pullQueriesInFlight()).isEqualTo(1);
        assertThat(gates.enter(RequestClass.PULL, false)).isPresent();
        assertThat(gates.enter(RequestClass.PULL, false))
                .as("all three pull places are taken")
                .isEmpty();

        incremental.release();
        firstSync.release();
        assertThat(gates.pullQueriesInFlight()).isZero();
    }
}

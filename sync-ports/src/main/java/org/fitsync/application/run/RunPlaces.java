package org.fitsync.application.run;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Place;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.fitsync.ports.out.run.RecordRunPlacePort;

/**
 * Gives an imported or uploaded run the place it started at (seed 004's city, region and country).
 * Called after the run is stored, outside its transaction. The look-up runs on {@code lookups}, not on
 * the caller's thread: it may wait on the geocoder's request spacing (one a second), and a place is a
 * nicety that never holds up or fails a run, an upload or an import. When {@code lookups} refuses the
 * task (its queue is full, or the node is stopping) the run simply has no place.
 */
public final class RunPlaces {

    private final LookupPlacePort places;
    private final RecordRunPlacePort record;
    private final TransactionPort transactions;
    private final Executor lookups;

    public RunPlaces(
            LookupPlacePort places, RecordRunPlacePort record, TransactionPort transactions, Executor lookups) {
        this.places = places;
        this.record = record;
        this.transactions = transactions;
        this.lookups = lookups;
    }

    /** Looks the start point up and records the place, if one is found, later on {@code lookups}. */
    public void locate(UserId user, UUID runId, double lat, double lon) {
        try {
            lookups.execute(() -> locateNow(user, runId, lat, lon));
        } catch (RejectedExecutionException e) {
            // Too many waiting, or stopping: this run goes without a place.
        }
    }

    private void locateNow(UserId user, UUID runId, double lat, double lon) {
        Optional<Place> place;
        try {
            place = places.placeAt(lat, lon);
        } catch (RuntimeException e) {
            return; // the geocoder's failure is nobody's problem but the place's
        }
        place.ifPresent(p -> transactions.useUserTransaction(user, () -> record.recordPlace(user, runId, p)));
    }
}

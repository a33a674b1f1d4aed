package org.fitsync.application.run;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Place;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.fitsync.ports.out.run.RecordRunPlacePort;

/**
 * Gives an imported or uploaded run the place it started at (seed 004's city, region and country).
 * Called after the run is stored, outside its transaction: the look-up may wait on the geocoder's
 * request spacing, and a place is a nicety that never holds up or fails a run.
 */
public final class RunPlaces {

    private final LookupPlacePort places;
    private final RecordRunPlacePort record;
    private final TransactionPort transactions;

    public RunPlaces(LookupPlacePort places, RecordRunPlacePort record, TransactionPort transactions) {
        this.places = places;
        this.record = record;
        this.transactions = transactions;
    }

    /** Looks the start point up and records the place, if one is found. */
    public void locate(UserId user, UUID runId, double lat, double lon) {
        Optional<Place> place;
        try {
            place = places.placeAt(lat, lon);
        } catch (RuntimeException e) {
            return; // the geocoder's failure is nobody's problem but the place's
        }
        place.ifPresent(p -> transactions.useUserTransaction(user, () -> record.recordPlace(user, runId, p)));
    }
}

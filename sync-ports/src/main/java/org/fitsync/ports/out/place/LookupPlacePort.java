package org.fitsync.ports.out.place;

import java.util.Optional;
import org.fitsync.domain.run.Place;

/** The place at a point (reverse geocoding); empty whenever it cannot be had: a place never fails a run. */
public interface LookupPlacePort {

    Optional<Place> placeAt(double lat, double lon);

    LookupPlacePort OFF = (lat, lon) -> Optional.empty();
}

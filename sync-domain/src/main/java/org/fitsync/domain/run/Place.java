package org.fitsync.domain.run;

import java.util.Optional;

/**
 * Where a run started, as a person names it: the city (or town or village), the region (state,
 * province) and the country. Any part may be unknown; a place with none is not a place.
 */
public record Place(Optional<String> city, Optional<String> region, Optional<String> country) {

    public Place {
        if (!city.isPresent() && !region.isPresent() && !country.isPresent()) {
            throw new IllegalArgumentException("a place names at least a city, a region or a country");
        }
    }
}

package org.fitsync.ports.out.run;

import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Place;

/** Records where a stored run started; a run that is gone (deleted meanwhile) is left alone. */
public interface RecordRunPlacePort {

    void recordPlace(UserId user, UUID runId, Place place);
}

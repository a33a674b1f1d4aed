package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.run.Track;

/** The raw track of one live run of the user, exactly as submitted. */
public interface GetTrackUseCase {

    Optional<Track> track(GetTrackQuery query);
}

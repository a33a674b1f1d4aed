package org.fitsync.ports.out.run;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Track;

/** Reads the raw track of a live run. */
public interface LoadTrackPort {

    Optional<Track> loadTrack(UserId user, UUID id);
}

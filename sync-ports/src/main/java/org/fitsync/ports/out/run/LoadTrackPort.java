package org.fitsync.ports.out.run;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.RunRecording;

/** Reads the raw track and samples of a live run. */
public interface LoadTrackPort {

    Optional<RunRecording> loadTrack(UserId user, UUID id);
}

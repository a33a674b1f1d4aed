package org.fitsync.ports.in.run;

import java.util.Optional;
import org.fitsync.domain.run.RunRecording;

/** The raw track and samples of one live run of the user, exactly as submitted. */
public interface GetTrackUseCase {

    Optional<RunRecording> track(GetTrackQuery query);
}

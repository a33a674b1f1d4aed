package org.fitsync.domain.run;

import java.util.Objects;
import java.util.Optional;

/** What a run recorded, exactly as submitted: its GPS track (maybe empty) and its samples, if any. */
public record RunRecording(Track track, Optional<Samples> samples) {
    public RunRecording {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(samples, "samples");
    }
}

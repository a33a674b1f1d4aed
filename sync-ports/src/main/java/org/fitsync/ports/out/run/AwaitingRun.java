package org.fitsync.ports.out.run;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.run.RunRecording;

/**
 * A run stored before its figures were computed: what the figures need of it. {@code recording} is
 * empty when its stored track or samples cannot be decoded.
 */
public record AwaitingRun(UUID id, long durationS, double distanceM, Optional<RunRecording> recording) {

    public AwaitingRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recording, "recording");
    }
}

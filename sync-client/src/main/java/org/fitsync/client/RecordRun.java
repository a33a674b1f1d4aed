package org.fitsync.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;

/** A finished run to record: the fields of {@code POST /api/v1/runs}, checked by the server's own rules. */
public record RecordRun(
        UUID id,
        Instant startedAt,
        Instant endedAt,
        long durationS,
        double distanceM,
        Source source,
        Optional<String> notes,
        Optional<String> metadataJson,
        Track track) {

    public RecordRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(track, "track");
    }

    RunDraft draft() {
        return new RunDraft(
                Optional.of(id.toString()),
                Optional.of(startedAt.toString()),
                Optional.of(endedAt.toString()),
                Optional.of(durationS),
                Optional.of(distanceM),
                Optional.of(source.wireName()),
                notes,
                metadataJson,
                Optional.of(track),
                Optional.empty(),
                Optional.empty());
    }
}

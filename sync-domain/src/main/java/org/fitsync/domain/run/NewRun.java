package org.fitsync.domain.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A run that passed every rule of {@link RunValidation}, ready to be stored. Its constructor is this
 * package's, called only by {@code RunValidation}: holding a {@code NewRun} means the rules were checked,
 * so no port or service checks them again. {@code stravaId} and {@code weatherJson} are set by the
 * server (the Strava import), never by the public API.
 */
public final class NewRun {

    private final UUID id;
    private final TimeSpan span;
    private final long durationS;
    private final double distanceM;
    private final Source source;
    private final Optional<String> notes;
    private final Optional<String> metadataJson;
    private final Track track;
    private final Optional<String> stravaId;
    private final Optional<String> weatherJson;
    private final Optional<Samples> samples;

    NewRun(
            UUID id,
            TimeSpan span,
            long durationS,
            double distanceM,
            Source source,
            Optional<String> notes,
            Optional<String> metadataJson,
            Track track,
            Optional<String> stravaId,
            Optional<String> weatherJson,
            Optional<Samples> samples) {
        this.id = id;
        this.span = span;
        this.durationS = durationS;
        this.distanceM = distanceM;
        this.source = source;
        this.notes = notes;
        this.metadataJson = metadataJson;
        this.track = track;
        this.stravaId = stravaId;
        this.weatherJson = weatherJson;
        this.samples = samples;
    }

    public UUID id() {
        return id;
    }

    public TimeSpan span() {
        return span;
    }

    public long durationS() {
        return durationS;
    }

    public double distanceM() {
        return distanceM;
    }

    public Source source() {
        return source;
    }

    public Optional<String> notes() {
        return notes;
    }

    /** The metadata as canonical JSON object text (see {@link RunDraft}). */
    public Optional<String> metadataJson() {
        return metadataJson;
    }

    public Track track() {
        return track;
    }

    public Optional<String> stravaId() {
        return stravaId;
    }

    public Optional<String> weatherJson() {
        return weatherJson;
    }

    /** The per-sample streams (heart rate, cadence, …), if the run was submitted with any. */
    public Optional<Samples> samples() {
        return samples;
    }

    public Instant startedAt() {
        return span.start();
    }

    public Instant endedAt() {
        return span.end();
    }

    public ContentFingerprint fingerprint() {
        return ContentFingerprint.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewRun other
                && id.equals(other.id)
                && span.equals(other.span)
                && durationS == other.durationS
                && Double.compare(distanceM, other.distanceM) == 0
                && source == other.source
                && notes.equals(other.notes)
                && metadataJson.equals(other.metadataJson)
                && track.equals(other.track)
                && stravaId.equals(other.stravaId)
                && weatherJson.equals(other.weatherJson)
                && samples.equals(other.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id, span, durationS, distanceM, source, notes, metadataJson, track, stravaId, weatherJson, samples);
    }

    @Override
    public String toString() {
        return "NewRun[id=" + id + ", span=" + span + ", source=" + source.wireName() + ", points=" + track.size()
                + ", samples=" + samples.map(Samples::size).orElse(0) + "]";
    }
}

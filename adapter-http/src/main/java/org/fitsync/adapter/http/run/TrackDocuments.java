package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.run.Samples;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.Track;

/**
 * A run's track in the format the request accepts (GPX, TCX, else the JSON track document), for
 * routes outside the owner's own: they serve a track cut into segments (see {@code TrackRedaction}),
 * a GPX {@code trkseg} and a TCX {@code Track} per segment, and JSON {@code segment_starts}.
 */
public final class TrackDocuments {

    private final RunJsonWriter writer;

    public TrackDocuments(ObjectMapper mapper) {
        this.writer = new RunJsonWriter(mapper);
    }

    /** Answers {@code ctx} with the run's {@code segments} and samples. */
    public void respond(Context ctx, StoredRun run, List<Track> segments, Optional<Samples> samples) {
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (accept.contains(GpxWriter.CONTENT_TYPE)) {
            ctx.contentType(GpxWriter.CONTENT_TYPE).result(GpxWriter.write(run.id(), segments, samples));
        } else if (accept.contains(TcxWriter.CONTENT_TYPE)) {
            ctx.contentType(TcxWriter.CONTENT_TYPE).result(TcxWriter.write(run, segments, samples));
        } else {
            ctx.contentType("application/json").result(writer.track(segments, samples, true));
        }
    }
}

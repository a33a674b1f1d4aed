package org.fitsync.adapter.http.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.Samples;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

/** The run resource and the track document of docs/api.md. */
public final class RunJsonWriter {

    private final ObjectMapper mapper;

    public RunJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode run(StoredRun run) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", run.id().toString());
        node.put("started_at", run.startedAt().toString());
        node.put("ended_at", run.endedAt().toString());
        node.put("duration_s", run.durationS());
        node.put("distance_m", run.distanceM());
        node.put("source", run.source().wireName());
        node.put("notes", run.notes().orElse(null));
        node.set("metadata", json(run.metadataJson()).orElseGet(mapper::createObjectNode));
        node.put("polyline", run.polyline());
        node.put("point_count", run.pointCount());
        node.put("overlapping", run.overlapping());
        ArrayNode overlaps = node.putArray("overlaps");
        for (UUID id : run.overlaps()) {
            overlaps.add(id.toString());
        }
        node.put("strava_id", run.stravaId().orElse(null));
        node.set("weather", json(run.weatherJson()).orElse(null));
        node.put("file_id", run.fileId().map(UUID::toString).orElse(null));
        node.set("location", json(run.locationJson()).orElse(null));
        node.set("stats", figures(run.figures()));
        node.put("created_at", run.createdAt().toString());
        node.put("updated_at", run.updatedAt().toString());
        return node;
    }

    /** The run's derived figures; an unknown one is {@code null}, never left out. */
    private ObjectNode figures(RunFigures figures) {
        ObjectNode node = mapper.createObjectNode();
        node.put("moving_time_s", figures.movingTimeS());
        putOrNull(node, "elevation_gain_m", figures.elevationGainM());
        putOrNull(node, "elevation_loss_m", figures.elevationLossM());
        putOrNull(node, "avg_heart_rate", figures.avgHeartRate());
        if (figures.maxHeartRate().isPresent()) {
            node.put("max_heart_rate", figures.maxHeartRate().getAsInt());
        } else {
            node.putNull("max_heart_rate");
        }
        putOrNull(node, "avg_cadence", figures.avgCadence());
        putOrNull(node, "avg_pace_s_per_km", figures.avgPaceSPerKm());
        return node;
    }

    private static void putOrNull(ObjectNode node, String name, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(name, value.getAsDouble());
        } else {
            node.putNull(name);
        }
    }

    /**
     * {@code {"points": [[epoch_ms, lat, lon, elevation_m|null], …]}}, numbers in their shortest form,
     * and the {@code samples} object beside them when the run has samples.
     */
    byte[] track(RunRecording recording) {
        return track(List.of(recording.track()), recording.samples(), false);
    }

    /**
     * The track document of a track cut into segments: {@code points} holds every segment's points
     * one after another, and {@code segment_starts} (when asked for) the index in it where each
     * segment starts.
     */
    byte[] track(List<Track> segments, Optional<Samples> samples, boolean withSegmentStarts) {
        int points = segments.stream().mapToInt(Track::size).sum();
        int sampleCount = samples.map(Samples::size).orElse(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + points * 48 + sampleCount * 24);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("points");
            for (Track track : segments) {
                writePoints(json, track);
            }
            json.writeEndArray();
            if (withSegmentStarts) {
                json.writeArrayFieldStart("segment_starts");
                int start = 0;
                for (Track track : segments) {
                    json.writeNumber(start);
                    start += track.size();
                }
                json.writeEndArray();
            }
            if (samples.isPresent()) {
                SamplesJson.write(json, samples.get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writePoints(JsonGenerator json, Track track) throws IOException {
        for (TrackPoint p : track.points()) {
            json.writeStartArray();
            json.writeNumber(p.epochMs());
            json.writeNumber(p.lat());
            json.writeNumber(p.lon());
            if (p.elevationM().isPresent()) {
                json.writeNumber(p.elevationM().getAsDouble());
            } else {
                json.writeNull();
            }
            json.writeEndArray();
        }
    }

    private Optional<JsonNode> json(Optional<String> text) {
        return text.map(t -> {
            try {
                return mapper.readTree(t);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored JSON does not parse", e);
            }
        });
    }
}

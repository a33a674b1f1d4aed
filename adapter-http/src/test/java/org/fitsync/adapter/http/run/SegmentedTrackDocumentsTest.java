package org.fitsync.adapter.http.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.junit.jupiter.api.Test;

/** A track cut into segments: a GPX trkseg, a TCX Track and a JSON segment start per segment. */
class SegmentedTrackDocumentsTest {

    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");

    private static Track segment(long fromMs, double lat) {
        return Track.builder(2)
                .add(fromMs, lat, 13.4, 34.5)
                .add(fromMs + 1000, lat + 0.0001, 13.4)
                .build();
    }

    private static final List<Track> SEGMENTS = List.of(segment(0, 52.5), segment(60_000, 52.6), segment(90_000, 52.7));

    private static StoredRun run() {
        return new StoredRun(
                UUID.randomUUID(),
                new TimeSpan(START, START.plusSeconds(600)),
                590,
                1234.5,
                Source.PHONE,
                Optional.empty(),
                Optional.empty(),
                "",
                6,
                false,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                START,
                START,
                Optional.empty(),
                Optional.empty(),
                RunFigures.ofMovingTime(580));
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void gpxHasATrksegPerSegment() {
        String gpx = new String(GpxWriter.write(UUID.randomUUID(), SEGMENTS, Optional.empty()), StandardCharsets.UTF_8);
        assertThat(count(gpx, "<trkseg>")).isEqualTo(3);
        assertThat(count(gpx, "<trkpt ")).isEqualTo(6);
        assertThat(count(gpx, "<trk>")).isEqualTo(1);
    }

    @Test
    void tcxHasATrackPerSegmentAndTheRunsLapFigures() {
        String tcx = new String(TcxWriter.write(run(), SEGMENTS, Optional.empty()), StandardCharsets.UTF_8);
        assertThat(count(tcx, "<Track>")).isEqualTo(3);
        assertThat(count(tcx, "<Trackpoint>")).isEqualTo(6);
        assertThat(tcx).contains("<TotalTimeSeconds>590</TotalTimeSeconds><DistanceMeters>1234.5</DistanceMeters>");
    }

    @Test
    void noSegmentsLeaveNoPosition() {
        String gpx =
                new String(GpxWriter.write(UUID.randomUUID(), List.of(), Optional.empty()), StandardCharsets.UTF_8);
        assertThat(gpx).doesNotContain("trkpt");
        String tcx = new String(TcxWriter.write(run(), List.of(), Optional.empty()), StandardCharsets.UTF_8);
        assertThat(tcx).doesNotContain("Position").doesNotContain("<Track>");
    }

    @Test
    void jsonListsThePointsAndWhereEachSegmentStarts() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode doc = mapper.readTree(new RunJsonWriter(mapper).track(SEGMENTS, Optional.empty(), true));
        assertThat(doc.path("points")).hasSize(6);
        assertThat(doc.path("segment_starts").toString()).isEqualTo("[0,2,4]");
        assertThat(doc.path("points").get(2).get(1).asDouble()).isEqualTo(52.6);
    }
}

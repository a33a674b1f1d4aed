package org.fitsync.phone;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.RecordRun;
import org.fitsync.client.RecordRunOutcome;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "record-run", description = "Record a finished run from a GPX file; it syncs with its track.")
final class RecordRunCommand extends PhoneCommand {

    @Parameters(index = "0", description = "GPX file")
    Path gpx;

    @Option(names = "--id", description = "The run's UUID (default: a new one)")
    UUID id;

    @Option(
            names = "--source",
            defaultValue = "phone",
            description = "garmin, coros, polar, suunto, wahoo, strava, phone, healthkit or manual")
    String source;

    @Option(names = "--notes")
    String notes;

    @Override
    int run(FitSyncClient client) throws Exception {
        List<TrackPoint> points = GpxFile.read(gpx);
        if (points.size() < 2) {
            err().println("the GPX file has fewer than two timed track points");
            return 2;
        }
        Source runSource = Source.fromWire(source)
                .orElseThrow(() ->
                        new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown source " + source));
        Instant start = Instant.ofEpochMilli(points.get(0).epochMs());
        Instant end = Instant.ofEpochMilli(points.get(points.size() - 1).epochMs());
        RecordRun run = new RecordRun(
                id == null ? UUID.randomUUID() : id,
                start,
                end,
                java.time.Duration.between(start, end).toSeconds(),
                GpxFile.distanceM(points),
                runSource,
                Optional.ofNullable(notes),
                Optional.empty(),
                new Track(points));
        RecordRunOutcome outcome = client.recordRun(run);
        if (outcome instanceof RecordRunOutcome.Invalid invalid) {
            invalid.errors().forEach(e -> err().println(e.field() + ": " + e.message()));
            return 2;
        }
        out().println(((RecordRunOutcome.Recorded) outcome).id());
        return 0;
    }
}
